package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

renewing := object.union(calnet, {"contract": {"renewal": {
	"renews_outside_contract": true,
	"existing_contract": "DGS-2019-042 with Acme Networks",
	"action_date": "2027-01-15",
}}})

test_calnet_says_whether_it_renews_an_outside_contract if {
	request := json.remove(calnet, ["contract/renewal"])
	fixtures.incomplete_with(request, "renewal-undeclared", "/contract/renewal/renews_outside_contract")
	not "renewal-undeclared" in fixtures.deficiency_codes(fixtures.decision_for(object.remove(cgen, ["need"])))
}

test_a_renewal_before_its_action_date_is_ready if {
	fixtures.decision_for(renewing).outcome == "ready-for-decision"
}

test_a_renewal_names_the_outside_contract if {
	request := json.remove(renewing, ["contract/renewal/existing_contract"])
	fixtures.incomplete_with(request, "renewal-incomplete", "/contract/renewal/existing_contract")
}

test_a_renewal_gives_its_action_date if {
	request := json.remove(renewing, ["contract/renewal/action_date"])
	fixtures.incomplete_with(request, "renewal-incomplete", "/contract/renewal/action_date")
}

test_a_renewal_acted_on_at_evaluation_is_too_late if {
	request := object.union(renewing, {"contract": {"renewal": {"action_date": "2026-11-22"}}})
	fixtures.incomplete_with(request, "renewal-action-before-exemption", "/contract/renewal/action_date")
}

test_a_renewal_acted_on_the_next_day_is_in_time if {
	request := object.union(renewing, {"contract": {"renewal": {"action_date": "2026-11-23"}}})
	fixtures.decision_for(request).outcome == "ready-for-decision"
}
