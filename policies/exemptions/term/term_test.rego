package exemptions.term_test

import data.exemptions.fixtures_test as fixtures
import data.exemptions.term

with_contract(fields) := fixtures.input_for(object.union(fixtures.calnet_request, {"contract": fields}))

test_a_ready_request_states_its_term if {
	fixtures.decision_for(fixtures.calnet_request).term == {
		"from": "2027-01-01",
		"months": 36,
		"extension_months": 0,
		"through": "2029-12-31",
	}
}

test_covered_extensions_lengthen_the_term if {
	request := object.union(fixtures.calnet_request, {"contract": {"covered_extension_months": 24}})
	decision := fixtures.decision_for(request)
	decision.term.months == 60
	decision.term.extension_months == 24
	decision.term.through == "2031-12-31"
}

test_a_term_from_the_last_day_of_a_month_runs_its_full_length if {
	term.covered.through == "2027-02-28" with input as with_contract({"start_date": "2027-01-31", "length_months": 1})
}

test_an_unreadable_extension_leaves_the_term_untold if {
	not term.covered with input as with_contract({"covered_extension_months": "two years"})
	not term.covered with input as with_contract({"covered_extension_months": 1.5})
	term.covered.months == 36 with input as with_contract({"covered_extension_months": 0})
}

test_only_a_ready_request_carries_a_term if {
	fixtures.decision_for(object.remove(fixtures.calnet_request, ["need"])).term == null
	fixtures.decision_for(object.union(fixtures.calnet_request, {"agency": {"code": "UC"}})).term == null
}
