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
	contains(note.message, "voice-local from the CALNET MSA until 2027-03-01")
	contains(note.message, "30 calendar days' notice")
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
