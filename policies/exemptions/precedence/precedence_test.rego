package exemptions.precedence_test

import data.exemptions.fixtures_test as fixtures
import data.exemptions.precedence

test_applicability_comes_before_completeness if {
	request := object.remove(object.union(fixtures.calnet_request, {"agency": {"code": "CSU"}}), ["need", "cost"])
	fixtures.decision_for(request).outcome == "not-required"
}

test_ato_comes_before_completeness if {
	request := object.remove(fixtures.with_services(fixtures.calnet_request, "SAC-COUNTY", ["voice-local"]), ["need"])
	fixtures.decision_for(request).outcome == "ato-bound"
}

test_completeness_comes_before_grounds if {
	request := object.remove(fixtures.cgen_request, ["need"])
	cost_only := object.union(object.remove(request, ["grounds"]), {"grounds": {"cost_ipr": fixtures.cost_ipr_ground}})
	decision := fixtures.decision_for(cost_only)
	decision.outcome == "incomplete"
	fixtures.deficiency_codes(decision) == {"need-missing"}
}

test_a_complete_request_without_ground_is_ground_not_met if {
	request := object.union(
		object.remove(fixtures.cgen_request, ["grounds"]),
		{"grounds": {"fsr": fixtures.fsr_ground}},
	)
	fixtures.decision_for(request).outcome == "ground-not-met"
}

test_exemption_path_excludes_applicability if {
	precedence.exemption_path with input as fixtures.input_for(fixtures.calnet_request)
	exempt := object.union(fixtures.calnet_request, {"agency": {"code": "UC"}})
	not precedence.exemption_path with input as fixtures.input_for(exempt)
}

test_malformed_request_reports_only_that if {
	deficiencies := precedence.deficiencies with input as {"request": [], "context": {"evaluation_date": "2026-11-22"}}
	{deficiency.code | some deficiency in deficiencies} == {"request-not-an-object"}
}

test_approver_names_the_program_decider if {
	contains(
		fixtures.decision_for(fixtures.calnet_request).approver,
		"Statewide Telecommunications and Network Division",
	)
	contains(fixtures.decision_for(fixtures.cgen_request).approver, "CDT Chief Technology Officer")
}

test_no_approver_without_an_exemption_path if {
	fixtures.decision_for(object.union(fixtures.cgen_request, {"agency": {"code": "LOTTERY"}})).approver == null
	bound := fixtures.with_services(fixtures.calnet_request, "SAC-COUNTY", ["voice-local"])
	fixtures.decision_for(bound).approver == null
}

test_an_input_no_outcome_rule_decides_is_incomplete if {
	precedence.outcome == "incomplete" with data.exemptions.grounds.shown as null
		with input as fixtures.input_for(fixtures.calnet_request)
}
