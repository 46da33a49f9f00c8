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

renewing_exemption := object.union(renewing, {"renews": "dgs-2024-sd-wan"})

on_record := {"dgs-2024-sd-wan": {"agency": "DGS", "program": "calnet"}}

test_a_renewal_requested_on_its_action_date_is_too_late if {
	request := object.union(renewing, {"submitted": {"date": "2027-01-15"}})
	decision := fixtures.decision_on(request, "2027-01-20")
	some issue in decision.deficiencies
	issue.code == "renewal-requested-after-action"
	issue.path == "/submitted/date"
}

test_a_renewal_of_an_exemption_on_record_is_ready if {
	decision := fixtures.decision_with_record(renewing_exemption, on_record)
	decision.outcome == "ready-for-decision"
	not "renewal-unchecked" in fixtures.note_codes(decision)
}

test_a_renewal_of_an_exemption_not_on_record_is_incomplete if {
	decision := fixtures.decision_with_record(renewing_exemption, {"dgs-2023-other": on_record["dgs-2024-sd-wan"]})
	[issue] := decision.deficiencies
	issue.code == "renewed-exemption-unknown"
	issue.path == "/renews"
	startswith(issue.message, "renews names dgs-2024-sd-wan, which is not a granted exemption on record")
}

test_a_renewal_of_another_agencys_exemption_is_incomplete if {
	record := {"dgs-2024-sd-wan": {"agency": "DMV", "program": "calnet"}}
	[issue] := fixtures.decision_with_record(renewing_exemption, record).deficiencies
	issue.code == "renewed-exemption-mismatch"
	contains(issue.message, "an exemption of agency DMV, not DGS")
}

test_without_a_record_the_renewal_is_noted_as_unchecked if {
	decision := fixtures.decision_for(renewing_exemption)
	decision.outcome == "ready-for-decision"
	"renewal-unchecked" in fixtures.note_codes(decision)
}

test_renewing_an_exemption_renews_its_outside_contract if {
	request := object.union(calnet, {"renews": "dgs-2024-sd-wan"})
	decision := fixtures.decision_with_record(request, on_record)
	[issue] := decision.deficiencies
	issue.code == "renewal-incomplete"
	issue.path == "/contract/renewal/renews_outside_contract"
}

test_renews_is_an_id if {
	fixtures.incomplete_with(object.union(renewing, {"renews": 7}), "renewal-incomplete", "/renews")
}
