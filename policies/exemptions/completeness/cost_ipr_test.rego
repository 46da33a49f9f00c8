package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

cost_request := fixtures.calnet_cost_request

test_cost_ground_is_a_mapping if {
	request := object.union(cost_request, {"grounds": {"cost_ipr": true}})
	fixtures.incomplete_with(request, "ipr-missing", "/grounds/cost_ipr")
	count(fixtures.decision_for(request).deficiencies) == 1
}

test_cost_ground_names_its_ipr_document if {
	request := json.remove(cost_request, ["grounds/cost_ipr/ipr_document"])
	fixtures.incomplete_with(request, "ipr-missing", "/grounds/cost_ipr/ipr_document")
}

test_ipr_document_is_attached_with_kind_ipr if {
	unlisted := object.union(cost_request, {"attachments": []})
	fixtures.incomplete_with(unlisted, "attachment-missing", "/grounds/cost_ipr/ipr_document")
	wrong_kind := object.union(
		cost_request,
		{"attachments": [object.union(fixtures.ipr_attachment, {"kind": "other"})]},
	)
	fixtures.incomplete_with(wrong_kind, "attachment-missing", "/grounds/cost_ipr/ipr_document")
}

test_ipr_gives_both_costs if {
	every field in ["alternative_cost", "comparable_calnet_cost"] {
		request := json.remove(cost_request, [concat("/", ["grounds", "cost_ipr", field])])
		fixtures.incomplete_with(request, "ipr-incomplete", concat("/", ["", "grounds", "cost_ipr", field]))
	}
}

test_comparable_calnet_cost_is_more_than_zero if {
	request := object.union(cost_request, {"grounds": {"cost_ipr": {"comparable_calnet_cost": 0}}})
	fixtures.incomplete_with(request, "ipr-incomplete", "/grounds/cost_ipr/comparable_calnet_cost")
}

test_ipr_compares_every_factor if {
	every factor in ["slas", "network_support", "diversity", "survivability", "recoverability", "scalability"] {
		request := json.remove(cost_request, [concat("/", ["grounds", "cost_ipr", "comparison_factors", factor])])
		path := concat("/", ["", "grounds", "cost_ipr", "comparison_factors", factor])
		fixtures.incomplete_with(request, "ipr-incomplete", path)
	}
}

test_interference_is_assessed if {
	request := json.remove(cost_request, ["grounds/cost_ipr/network_interference"])
	fixtures.incomplete_with(
		request,
		"interference-assessment-missing",
		"/grounds/cost_ipr/network_interference/unduly_interferes",
	)
	fixtures.incomplete_with(
		request,
		"interference-assessment-missing",
		"/grounds/cost_ipr/network_interference/explanation",
	)
}

test_cost_ground_under_cgen_is_not_read_for_completeness if {
	request := object.union(object.remove(fixtures.cgen_request, ["grounds"]), {"grounds": {"cost_ipr": {}}})
	decision := fixtures.decision_for(request)
	decision.outcome == "ground-not-met"
	fixtures.deficiency_codes(decision) == {"cost-ground-not-allowed"}
}
