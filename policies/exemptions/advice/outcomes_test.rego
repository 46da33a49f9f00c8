package exemptions.advice_test

import data.exemptions.fixtures_test as fixtures

test_ground_not_met_offers_help_with_alternatives if {
	request := object.union(fixtures.calnet_fsr_request, {"grounds": {"fsr": {"stnd_review": {"reviewed": false}}}})
	some note in fixtures.decision_for(request).notes
	note.code == "alternative-solutions"
	startswith(note.message, "STND works with the agency")
}

test_near_threshold_note_asks_for_judgment if {
	request := object.union(fixtures.calnet_cost_request, {"grounds": {"cost_ipr": {"alternative_cost": 130000}}})
	some note in fixtures.decision_for(request).notes
	note.code == "ipr-savings-near-threshold"
	startswith(note.message, "the IPR savings of 18.75% are just below the 20.00% threshold")
}

test_ato_bound_note_names_services_and_date if {
	request := fixtures.with_services(calnet, "SAC-COUNTY", ["voice-local"])
	some note in fixtures.decision_for(request).notes
	note.code == "ato-notice-required"
	contains(note.message, "voice-local from the CALNET MSA; the earliest purchase date the ATO allows is 2027-03-01")
	contains(note.message, "notice was given at least 30 calendar days before the purchase")
}

test_uncounted_ground_is_explained if {
	grounds_claimed := {
		"functionality": calnet.grounds.functionality,
		"fsr": object.union(fixtures.fsr_ground, {"dof_coordination": {"coordinated": false}}),
	}
	request := object.union(fixtures.calnet_fsr_request, {"grounds": grounds_claimed})
	some note in fixtures.decision_for(request).notes
	note.code == "ground-not-counted"
	startswith(note.message, "not counted (fsr-not-coordinated): ")
}

test_not_required_requests_still_follow_procurement_rules if {
	request := fixtures.with_services(calnet, "DWR", ["contact-center"])
	"procurement-rules-apply" in fixtures.note_codes(fixtures.decision_for(request))
}

test_a_cgen_request_outside_its_scope_is_told_the_calnet_rules_may_apply if {
	request := fixtures.with_services(cgen, "DWR", ["voice-local", "contact-center"])
	decision := fixtures.decision_for(request)
	decision.outcome == "not-required"
	not "procurement-rules-apply" in fixtures.note_codes(decision)
	some note in decision.notes
	note.code == "calnet-rules-may-apply"
	contains(note.message, "voice-local are CALNET mandatory services, so buying them elsewhere needs a CALNET")
}

test_a_cgen_request_outside_both_mandates_is_told_so if {
	request := fixtures.with_services(cgen, "DWR", ["contact-center"])
	some note in fixtures.decision_for(request).notes
	note.code == "calnet-rules-may-apply"
	endswith(note.message, "none of them is a CALNET mandatory service, so no CALNET exemption is needed either")
}

test_an_equivalent_submitter_is_named_with_the_designation if {
	by := {"name": "Kim Wu", "role": "equivalent", "designation": "Deputy Director, acting AIO"}
	decision := fixtures.decision_for(object.union(calnet, {"submitted": {"by": by}}))
	some note in decision.notes
	note.code == "officer-equivalent"
	startswith(note.message, "Kim Wu submits as the equivalent of the AIO or CIO (Deputy Director, acting AIO)")
}

test_an_equivalent_approver_is_named_with_the_designation if {
	approvals := [
		{"role": "aio", "name": "Ana Ruiz", "date": "2026-09-20"},
		{"role": "cio", "name": "Lee Chen", "date": "2026-09-25", "equivalent_designation": "Assistant Commissioner"},
	]
	decision := fixtures.decision_for(object.union(cgen, {"approvals": approvals}))
	decision.outcome == "ready-for-decision"
	some note in decision.notes
	note.code == "officer-equivalent"
	startswith(note.message, "Lee Chen approves as the CIO's equivalent (Assistant Commissioner)")
}
