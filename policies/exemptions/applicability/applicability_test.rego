package exemptions.applicability_test

import data.exemptions.applicability
import data.exemptions.fixtures_test as fixtures

test_every_exempt_category_needs_no_exemption_from_either_program if {
	every code in ["UC", "CSU", "SMC", "CMA", "SCO", "SOS", "SCIF", "LOTTERY"] {
		every request in [fixtures.calnet_request, fixtures.cgen_request] {
			decision := fixtures.decision_for(object.union(request, {"agency": {"code": code}}))
			decision.outcome == "not-required"
			decision.reasons == ["exempt-agency"]
		}
	}
}

test_entities_outside_the_executive_branch_are_out_of_scope if {
	every code in ["LEG-ASM", "JUD-CC"] {
		every request in [fixtures.calnet_request, fixtures.cgen_request] {
			decision := fixtures.decision_for(object.union(request, {"agency": {"code": code}}))
			decision.outcome == "not-required"
			decision.reasons == ["outside-program-scope"]
		}
	}
}

test_local_government_is_outside_cgen if {
	decision := fixtures.decision_for(object.union(fixtures.cgen_request, {"agency": {"code": "FRESNO-CITY"}}))
	decision.outcome == "not-required"
	decision.reasons == ["outside-program-scope"]
}

test_cgen_request_without_wide_area_service_is_out_of_scope if {
	request := fixtures.with_services(fixtures.cgen_request, "DWR", ["voice-local", "contact-center"])
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	decision.reasons == ["outside-program-scope"]
}

test_cgen_request_with_a_wide_area_service_is_in_scope if {
	request := fixtures.with_services(fixtures.cgen_request, "DWR", ["satellite-data", "voice-local"])
	fixtures.decision_for(request).outcome == "ready-for-decision"
}

test_calnet_request_for_non_mandatory_services_only_is_not_required if {
	request := fixtures.with_services(fixtures.calnet_request, "DMV", ["contact-center", "video-conferencing"])
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	decision.reasons == ["non-mandatory-services"]
}

test_one_mandatory_service_keeps_the_exemption_path if {
	request := fixtures.with_services(fixtures.calnet_request, "DMV", ["contact-center", "wireless"])
	fixtures.decision_for(request).outcome == "ready-for-decision"
}

test_an_unknown_service_leaves_applicability_undecided if {
	request := fixtures.with_services(fixtures.calnet_request, "DMV", ["contact-center", "carrier-pigeon"])
	decision := fixtures.decision_for(request)
	decision.outcome == "incomplete"
	fixtures.deficiency_codes(decision) == {"unknown-service"}
}

test_services_are_sorted_by_catalog_flags if {
	request := fixtures.with_services(
		fixtures.calnet_request,
		"DMV",
		["wan-data", "voice-local", "satellite-data", "x"],
	)
	applicability.mandatory_services == {"wan-data", "voice-local"} with input as fixtures.input_for(request)
	applicability.non_mandatory_services == {"satellite-data"} with input as fixtures.input_for(request)
	applicability.cgen_scope_services == {"wan-data", "satellite-data"} with input as fixtures.input_for(request)
	applicability.outside_cgen_scope_services == {"voice-local"} with input as fixtures.input_for(request)
	not applicability.all_services_known with input as fixtures.input_for(request)
}

test_no_services_means_not_all_known if {
	request := object.union(fixtures.calnet_request, {"services": []})
	not applicability.all_services_known with input as fixtures.input_for(request)
}
