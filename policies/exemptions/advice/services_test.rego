package exemptions.advice_test

import data.exemptions.fixtures_test as fixtures

test_non_mandatory_services_among_mandatory_ones_are_named if {
	request := fixtures.with_services(calnet, "CHP", ["wireless", "video-conferencing", "contact-center"])
	some note in fixtures.decision_for(request).notes
	note.code == "non-mandatory-services-included"
	endswith(note.message, ": contact-center, video-conferencing")
}

test_services_outside_cgen_scope_are_named if {
	request := fixtures.with_services(cgen, "CDPH", ["internet-access", "wireless"])
	some note in fixtures.decision_for(request).notes
	note.code == "services-outside-cgen-scope"
	contains(note.message, "need no CGEN exemption: wireless; the CALNET MSA policy still applies to them")
	endswith(note.message, "buying wireless elsewhere needs a CALNET exemption (a request with program: calnet)")
}

test_missing_vendor_documentation_is_noted if {
	decision := fixtures.decision_for(object.union(calnet, {"attachments": []}))
	decision.outcome == "ready-for-decision"
	"vendor-documentation-absent" in fixtures.note_codes(decision)
}

test_a_request_that_is_not_a_mapping_gets_no_notes if {
	fixtures.decision_for(["not", "a", "request"]).notes == []
}
