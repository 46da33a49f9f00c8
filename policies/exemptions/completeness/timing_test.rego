package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

buying_on(request, date) := object.union(request, {"contract": {"purchase_date": date}})

test_a_request_on_the_exemption_path_gives_its_purchase_date if {
	every request in [calnet, cgen] {
		fixtures.incomplete_with(
			object.union(request, {"contract": {"purchase_date": "next spring"}}),
			"purchase-date-missing",
			"/contract/purchase_date",
		)
	}
}

test_an_exempt_agency_needs_no_purchase_date if {
	request := json.remove(object.union(calnet, {"agency": {"code": "UC"}}), ["contract/purchase_date"])
	fixtures.decision_for(request).outcome == "not-required"
}

test_a_request_submitted_on_the_purchase_date_is_too_late if {
	request := buying_on(object.union(calnet, {"submitted": {"date": "2026-11-01"}}), "2026-11-01")
	decision := fixtures.decision_on(request, "2026-10-15")
	some issue in decision.deficiencies
	issue.code == "request-after-purchase"
	issue.path == "/submitted/date"
	contains(issue.message, "must reach STND before the agency buys elsewhere")
}

test_a_cgen_request_after_the_purchase_names_cdt if {
	request := buying_on(object.union(cgen, {"submitted": {"date": "2026-11-20"}}), "2026-11-19")
	some issue in fixtures.decision_for(request).deficiencies
	issue.code == "request-after-purchase"
	contains(issue.message, "must reach CDT")
}

test_a_request_the_day_before_the_purchase_is_in_time if {
	request := buying_on(object.union(calnet, {"submitted": {"date": "2026-11-30"}}), "2026-12-01")
	decision := fixtures.decision_on(request, "2026-11-30")
	decision.outcome == "ready-for-decision"
}

test_a_purchase_not_after_the_evaluation_comes_before_the_exemption if {
	request := buying_on(calnet, "2026-11-22")
	fixtures.incomplete_with(request, "purchase-before-exemption", "/contract/purchase_date")
	fixtures.decision_for(buying_on(calnet, "2026-11-23")).outcome == "ready-for-decision"
	some issue in fixtures.decision_for(request).deficiencies
	issue.code == "purchase-before-exemption"
	contains(issue.message, "the purchase date 2026-11-22 is not after the evaluation date (2026-11-22)")
}

test_the_request_goes_to_stnd_no_later_than_the_fsr_goes_to_dof if {
	late := object.union(fixtures.calnet_fsr_request, {"submitted": {"date": "2026-10-02"}})
	fixtures.incomplete_with(late, "request-after-fsr-to-dof", "/submitted/date")
	some issue in fixtures.decision_for(late).deficiencies
	issue.code == "request-after-fsr-to-dof"
	contains(issue.message, "submitted on 2026-10-02, after the FSR went to DOF (2026-10-01)")
}

test_a_request_with_the_fsr_on_the_day_it_goes_to_dof_is_in_order if {
	fixtures.decision_for(fixtures.calnet_fsr_request).outcome == "ready-for-decision"
	early := object.union(fixtures.calnet_fsr_request, {"submitted": {"date": "2026-09-30"}})
	fixtures.decision_for(early).outcome == "ready-for-decision"
}
