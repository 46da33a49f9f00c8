package exemptions.applicability_test

import data.exemptions.applicability
import data.exemptions.fixtures_test as fixtures

# Fresno's ATO for wan-data started 2024-06-01; its two-year term ends 2026-06-01.
fresno_wan := fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["wan-data"])

with_notice(request, given_on) := object.union(request, {"ato_notice": {"given_on": given_on}})

buying_on(request, date) := object.union(request, {"contract": {"purchase_date": date}})

# Fresno buying on a date, having given notice on another, evaluated on a third.
fresno(purchase, notice, evaluated) := fixtures.decision_on(
	with_notice(buying_on(fresno_wan, purchase), notice),
	evaluated,
)

no_agreements := {"OAK-CITY": {"name": "City of Oakland", "status": "local-government"}}

test_ato_service_during_the_term_is_bound if {
	request := fixtures.with_services(fixtures.calnet_request, "SAC-COUNTY", ["voice-local"])
	decision := fixtures.decision_for(request)
	decision.outcome == "ato-bound"
	decision.available_from == "2027-03-01"
	decision.reasons == []
	decision.approver == null
	"ato-notice-required" in fixtures.note_codes(decision)
	fixtures.deficiency_codes(decision) == {"ato-term-running", "ato-notice-short"}
}

test_last_day_of_the_term_is_still_bound if {
	decision := fresno("2026-05-31", "2026-01-15", "2026-05-01")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-06-01"
	[issue] := decision.deficiencies
	issue.code == "ato-term-running"
	issue.path == "/contract/purchase_date"
	contains(issue.message, "falls in the ATO term for wan-data, which ends on 2026-06-01")
}

test_buying_the_day_the_term_ends_with_notice_is_free if {
	decision := fresno("2026-06-01", "2026-01-15", "2026-05-01")
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired"]
}

test_notice_of_30_days_before_the_purchase_is_enough if {
	decision := fresno("2026-06-01", "2026-05-02", "2026-05-20")
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired"]
}

test_notice_of_29_days_before_the_purchase_is_not_enough if {
	decision := fresno("2026-06-01", "2026-05-03", "2026-05-20")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-06-02"
	[issue] := decision.deficiencies
	issue.code == "ato-notice-short"
	issue.path == "/ato_notice/given_on"
	contains(issue.message, "given on 2026-05-03, 29 calendar days before the purchase date 2026-06-01")
	endswith(issue.message, "the earliest purchase date the ATO allows is 2026-06-02")
}

test_notice_is_counted_to_the_purchase_not_to_the_evaluation if {
	# Three weeks before the evaluation, but six before the purchase.
	decision := fresno("2026-12-15", "2026-11-01", "2026-11-22")
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired"]
}

test_without_notice_the_earliest_purchase_runs_from_the_evaluation_date if {
	decision := fixtures.decision_on(buying_on(fresno_wan, "2027-01-01"), "2026-11-22")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-12-22"
	[issue] := decision.deficiencies
	startswith(issue.message, "no notice of leaving the ATO is recorded")
}

test_a_notice_dated_after_the_evaluation_has_not_been_given if {
	decision := fresno("2027-02-01", "2026-12-01", "2026-11-22")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-12-31"
	[issue] := decision.deficiencies
	contains(issue.message, "after the evaluation date (2026-11-22), so it has not been given yet")
}

test_an_unreadable_notice_date_counts_as_no_notice if {
	decision := fresno("2027-01-01", "last spring", "2026-11-22")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-12-22"
}

test_an_ato_service_without_a_purchase_date_cannot_be_judged if {
	request := object.union(fresno_wan, {"contract": {"purchase_date": null}})
	decision := fixtures.decision_for(request)
	decision.outcome == "incomplete"
	[issue] := decision.deficiencies
	issue.code == "purchase-date-missing"
	issue.path == "/contract/purchase_date"
	decision.approver == null
	decision.notes == []
}

test_service_not_on_the_ato_needs_no_exemption if {
	request := fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["voice-local"])
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	decision.reasons == ["local-service-not-on-ato"]
}

test_a_service_not_on_the_ato_needs_no_purchase_date if {
	request := fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["voice-local"])
	decision := fixtures.decision_for(object.union(request, {"contract": {"purchase_date": null}}))
	decision.outcome == "not-required"
}

test_a_local_agency_that_signed_no_ato_is_free if {
	request := fixtures.with_services(fixtures.calnet_request, "OAK-CITY", ["wan-data", "voice-local"])
	decision := fixtures.decision_for(request) with data.reference.agencies as no_agreements
	decision.outcome == "not-required"
	decision.reasons == ["local-agency-without-ato"]
	decision.notes == []
}

test_a_local_agency_with_an_empty_ato_list_signed_none if {
	agencies := {"OAK-CITY": object.union(no_agreements["OAK-CITY"], {"ato_agreements": []})}
	request := fixtures.with_services(fixtures.calnet_request, "OAK-CITY", ["wan-data"])
	decision := fixtures.decision_for(request) with data.reference.agencies as agencies
	decision.reasons == ["local-agency-without-ato"]
}

test_expired_and_unlisted_services_give_both_reasons if {
	request := with_notice(
		fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["wan-data", "voice-local"]),
		"2026-09-01",
	)
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired", "local-service-not-on-ato"]
}

test_one_bound_service_binds_the_request if {
	request := fixtures.with_services(fixtures.calnet_request, "SAC-COUNTY", ["voice-local", "wan-data"])
	decision := fixtures.decision_for(request)
	decision.outcome == "ato-bound"
	applicability.bound_services == {"voice-local"} with input as fixtures.input_for(request)
}

test_without_an_evaluation_date_the_ato_cannot_be_judged if {
	decision := fixtures.decision_on(fresno_wan, "someday")
	decision.outcome == "incomplete"
	"evaluation-date-invalid" in fixtures.deficiency_codes(decision)
}

test_a_term_from_a_leap_day_runs_to_the_first_of_march if {
	agencies := {"LEAP-CITY": {
		"name": "Leap City",
		"status": "local-government",
		"ato_agreements": [{"services": ["wireless"], "start_date": "2024-02-29"}],
	}}
	request := buying_on(fixtures.with_services(fixtures.calnet_request, "LEAP-CITY", ["wireless"]), "2026-02-28")
	decision := fixtures.decision_on(request, "2026-02-28") with data.reference.agencies as agencies
	decision.outcome == "ato-bound"
	decision.available_from == "2026-03-30"
	applicability.ato_terms == {["wireless", "2026-03-01"]} with input as fixtures.input_for(request)
		with data.reference.agencies as agencies
}
