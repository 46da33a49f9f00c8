package exemptions.applicability_test

import data.exemptions.applicability
import data.exemptions.fixtures_test as fixtures

# Fresno's ATO for wan-data started 2024-06-01; its two-year term ends 2026-06-01.
fresno_wan := fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["wan-data"])

with_notice(request, given_on) := object.union(request, {"ato_notice": {"given_on": given_on}})

test_ato_service_during_the_term_is_bound if {
	request := fixtures.with_services(fixtures.calnet_request, "SAC-COUNTY", ["voice-local"])
	decision := fixtures.decision_for(request)
	decision.outcome == "ato-bound"
	decision.available_from == "2027-03-01"
	decision.reasons == []
	"ato-notice-required" in fixtures.note_codes(decision)
}

test_last_day_of_the_term_is_still_bound if {
	decision := fixtures.decision_on(with_notice(fresno_wan, "2026-01-15"), "2026-05-31")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-06-01"
}

test_day_the_term_ends_with_notice_is_free if {
	decision := fixtures.decision_on(with_notice(fresno_wan, "2026-01-15"), "2026-06-01")
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired"]
}

test_notice_of_30_days_is_enough if {
	decision := fixtures.decision_on(with_notice(fresno_wan, "2026-05-02"), "2026-06-01")
	decision.outcome == "not-required"
	decision.reasons == ["local-ato-expired"]
}

test_notice_of_29_days_is_not_enough if {
	decision := fixtures.decision_on(with_notice(fresno_wan, "2026-05-03"), "2026-06-01")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-06-02"
}

test_without_notice_after_the_term_the_notice_runs_from_the_evaluation_date if {
	decision := fixtures.decision_on(fresno_wan, "2026-11-22")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-12-22"
}

test_an_unreadable_notice_date_counts_as_no_notice if {
	decision := fixtures.decision_on(with_notice(fresno_wan, "last spring"), "2026-11-22")
	decision.outcome == "ato-bound"
	decision.available_from == "2026-12-22"
}

test_service_not_on_the_ato_needs_no_exemption if {
	request := fixtures.with_services(fixtures.calnet_request, "FRESNO-CITY", ["voice-local"])
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	decision.reasons == ["local-service-not-on-ato"]
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
	request := fixtures.with_services(fixtures.calnet_request, "LEAP-CITY", ["wireless"])
	decision := fixtures.decision_on(request, "2026-02-28") with data.reference.agencies as agencies
	decision.outcome == "ato-bound"
	decision.available_from == "2026-03-30"
	applicability.ato_terms == {["wireless", "2026-03-01"]} with input as fixtures.input_for(request)
		with data.reference.agencies as agencies
}
