package exemptions.catalog_test

import data.exemptions.catalog

citations := {"note": {
	"both": {"calnet": "CALNET text", "cgen": "CGEN text"},
	"one": {"calnet": "One text"},
}}

test_a_program_gets_its_own_citation if {
	catalog.citation("note", "both", "calnet") == "CALNET text" with catalog.citations as citations
	catalog.citation("note", "both", "cgen") == "CGEN text" with catalog.citations as citations
}

test_an_unknown_program_gets_both_citations if {
	catalog.citation(
		"note",
		"both",
		null,
	) == "CALNET text; CGEN text" with catalog.citations as citations
}

test_a_code_citing_only_the_other_program_is_marked if {
	catalog.citation("note", "one", "calnet") == "One text" with catalog.citations as citations
	catalog.citation("note", "one", "cgen") == "(no citation recorded)" with catalog.citations as citations
	catalog.citation("note", "one", null) == "One text" with catalog.citations as citations
}

test_a_code_without_citation_is_marked if {
	marker := catalog.citation("note", "missing", "calnet") with catalog.citations as citations
	marker == "(no citation recorded)"
}
