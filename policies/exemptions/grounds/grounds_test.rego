package exemptions.grounds_test

import data.exemptions.fixtures_test as fixtures
import data.exemptions.grounds

cost_request := fixtures.calnet_cost_request

with_costs(alternative, comparable) := object.union(cost_request, {"grounds": {"cost_ipr": {
	"alternative_cost": alternative,
	"comparable_calnet_cost": comparable,
}}})

test_functionality_ground_is_shown_in_both_programs if {
	fixtures.decision_for(fixtures.calnet_request).grounds == ["functionality"]
	fixtures.decision_for(fixtures.cgen_request).grounds == ["functionality"]
}

test_cost_ground_with_25_percent_savings if {
	decision := fixtures.decision_for(cost_request)
	decision.outcome == "ready-for-decision"
	decision.grounds == ["cost-ipr"]
	not "ipr-savings-near-threshold" in fixtures.note_codes(decision)
}

test_exactly_20_percent_savings_meet_the_threshold if {
	decision := fixtures.decision_for(with_costs(128000, 160000))
	decision.grounds == ["cost-ipr"]
	not "ipr-savings-near-threshold" in fixtures.note_codes(decision)
}

test_exactly_20_percent_in_cents_meet_the_threshold if {
	"ipr-savings-near-threshold" in fixtures.note_codes(fixtures.decision_for(with_costs(80.01, 100.01)))
	fixtures.decision_for(with_costs(80.0, 100.0)).grounds == ["cost-ipr"]
	not "ipr-savings-near-threshold" in fixtures.note_codes(fixtures.decision_for(with_costs(0.8, 1)))
}

test_savings_just_under_20_percent_are_left_to_the_reviewer if {
	decision := fixtures.decision_for(with_costs(128000.01, 160000))
	decision.outcome == "ready-for-decision"
	decision.grounds == ["cost-ipr"]
	"ipr-savings-near-threshold" in fixtures.note_codes(decision)
}

test_savings_at_the_lower_edge_of_the_band_are_left_to_the_reviewer if {
	decision := fixtures.decision_for(with_costs(131200, 160000))
	decision.grounds == ["cost-ipr"]
	"ipr-savings-near-threshold" in fixtures.note_codes(decision)
}

test_savings_below_the_band_do_not_meet_the_ground if {
	request := with_costs(131200.01, 160000)
	fixtures.ground_not_met_with(request, "cost-savings-below-threshold", "/grounds/cost_ipr/alternative_cost")
	some deficiency in fixtures.decision_for(request).deficiencies
	deficiency.message == concat("", [
		"the alternative saves 17.99% against the comparable CALNET cost ($131,200.01 against $160,000.00);",
		" the cost ground needs savings of about 20.00%",
	])
}

test_a_dearer_alternative_is_said_to_cost_more if {
	request := with_costs(170000, 160000)
	fixtures.ground_not_met_with(request, "cost-savings-below-threshold", "/grounds/cost_ipr/alternative_cost")
	grounds.savings_basis_points == 0 with input as fixtures.input_for(request)
	some deficiency in fixtures.decision_for(request).deficiencies
	deficiency.message == concat("", [
		"the alternative costs 6.25% more than the comparable CALNET cost ($170,000.00 against $160,000.00):",
		" the cost ground needs it about 20.00% below CALNET, so it cannot be met on cost",
	])
}

test_an_alternative_at_the_same_cost_saves_nothing if {
	some deficiency in fixtures.decision_for(with_costs(160000, 160000)).deficiencies
	startswith(deficiency.message, "the alternative costs the same as the comparable CALNET cost")
	endswith(deficiency.message, "so it cannot be met on cost")
}

test_undue_interference_defeats_the_cost_ground if {
	request := object.union(
		cost_request,
		{"grounds": {"cost_ipr": {"network_interference": {"unduly_interferes": true}}}},
	)
	fixtures.ground_not_met_with(
		request,
		"network-interference",
		"/grounds/cost_ipr/network_interference/unduly_interferes",
	)
}

test_fsr_path_reviewed_and_coordinated_is_shown if {
	fixtures.decision_for(fixtures.calnet_fsr_request).grounds == ["fsr"]
}

test_fsr_not_reviewed_by_stnd if {
	request := object.union(fixtures.calnet_fsr_request, {"grounds": {"fsr": {"stnd_review": {"reviewed": false}}}})
	fixtures.ground_not_met_with(request, "fsr-not-reviewed", "/grounds/fsr/stnd_review/reviewed")
}

test_fsr_not_coordinated_with_dof if {
	request := object.union(
		fixtures.calnet_fsr_request,
		{"grounds": {"fsr": {"dof_coordination": {"coordinated": false}}}},
	)
	fixtures.ground_not_met_with(request, "fsr-not-coordinated", "/grounds/fsr/dof_coordination/coordinated")
}

test_cgen_does_not_accept_the_cost_ground if {
	request := object.union(
		object.remove(fixtures.cgen_request, ["grounds"]),
		{"grounds": {"cost_ipr": fixtures.cost_ipr_ground}},
	)
	fixtures.ground_not_met_with(request, "cost-ground-not-allowed", "/grounds/cost_ipr")
	"alternative-solutions" in fixtures.note_codes(fixtures.decision_for(request))
}

test_cgen_does_not_accept_the_fsr_path if {
	request := object.union(
		object.remove(fixtures.cgen_request, ["grounds"]),
		{"grounds": {"fsr": fixtures.fsr_ground}},
	)
	fixtures.ground_not_met_with(request, "fsr-ground-not-allowed", "/grounds/fsr")
}

test_one_ground_shown_is_enough if {
	grounds_claimed := {
		"functionality": fixtures.calnet_request.grounds.functionality,
		"cost_ipr": object.union(fixtures.cost_ipr_ground, {"alternative_cost": 159000}),
	}
	request := object.union(cost_request, {"grounds": grounds_claimed})
	decision := fixtures.decision_for(request)
	decision.outcome == "ready-for-decision"
	decision.grounds == ["functionality"]
	decision.deficiencies == []
	"ground-not-counted" in fixtures.note_codes(decision)
}

test_near_threshold_needs_the_cost_ground_shown if {
	not grounds.near_threshold with input as fixtures.input_for(with_costs(150000, 160000))
	grounds.near_threshold with input as fixtures.input_for(with_costs(130000, 160000))
}
