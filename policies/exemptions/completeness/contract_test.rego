package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

test_contract_is_described if {
	fixtures.incomplete_with(object.remove(calnet, ["contract"]), "contract-incomplete", "/contract")
	fixtures.incomplete_with(object.union(calnet, {"contract": "three years"}), "contract-incomplete", "/contract")
}

test_contract_terms_are_each_stated if {
	every field in ["terms", "early_termination", "optional_extensions"] {
		request := json.remove(calnet, [concat("/", ["contract", field])])
		fixtures.incomplete_with(request, "contract-incomplete", concat("/", ["", "contract", field]))
	}
}

test_none_is_an_answer if {
	request := object.union(calnet, {"contract": {"early_termination": "none", "optional_extensions": "none"}})
	fixtures.decision_for(request).outcome == "ready-for-decision"
}

test_contract_length_is_whole_months if {
	fixtures.incomplete_with(
		object.union(calnet, {"contract": {"length_months": 0}}),
		"contract-incomplete",
		"/contract/length_months",
	)
	fixtures.incomplete_with(
		json.remove(calnet, ["contract/length_months"]),
		"contract-incomplete",
		"/contract/length_months",
	)
}

test_contract_start_is_a_date if {
	fixtures.incomplete_with(
		object.union(calnet, {"contract": {"start_date": "2027"}}),
		"contract-incomplete",
		"/contract/start_date",
	)
}

test_provider_is_named if {
	fixtures.incomplete_with(json.remove(calnet, ["contract/provider"]), "provider-missing", "/contract/provider")
	fixtures.incomplete_with(object.remove(cgen, ["contract"]), "provider-missing", "/contract/provider")
}

test_service_starting_on_the_evaluation_date_comes_before_the_exemption if {
	request := object.union(calnet, {"contract": {"start_date": "2026-11-22"}})
	fixtures.incomplete_with(request, "purchase-before-exemption", "/contract/start_date")
	fixtures.incomplete_with(
		object.union(cgen, {"contract": {"start_date": "2025-01-01"}}),
		"purchase-before-exemption",
		"/contract/start_date",
	)
}

test_purchase_and_service_the_day_after_the_evaluation_are_in_time if {
	request := object.union(calnet, {"contract": {"start_date": "2026-11-23", "purchase_date": "2026-11-23"}})
	fixtures.decision_for(request).outcome == "ready-for-decision"
}

test_calnet_offers_service_level_agreements if {
	request := object.union(calnet, {"contract": {"sla": {"available": false}}})
	fixtures.incomplete_with(request, "sla-missing", "/contract/sla/available")
}

test_calnet_states_sla_terms_and_remedies if {
	every field in ["terms", "remedies"] {
		request := json.remove(calnet, [concat("/", ["contract", "sla", field])])
		fixtures.incomplete_with(request, "sla-missing", concat("/", ["", "contract", "sla", field]))
	}
}

test_cgen_states_whether_slas_are_available if {
	fixtures.incomplete_with(json.remove(cgen, ["contract/sla"]), "sla-missing", "/contract/sla/available")
	fixtures.decision_for(cgen).outcome == "ready-for-decision"
}

test_cgen_slas_when_available_come_with_terms_and_remedies if {
	request := object.union(json.remove(cgen, ["contract/sla/terms"]), {"contract": {"sla": {"available": true}}})
	fixtures.incomplete_with(request, "sla-missing", "/contract/sla/terms")
}
