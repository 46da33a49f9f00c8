package exemptions.advice_test

import data.exemptions.fixtures_test as fixtures

calnet := fixtures.calnet_request

cgen := fixtures.cgen_request

test_calnet_exemption_path_notes if {
	notes := fixtures.note_codes(fixtures.decision_for(calnet))
	notes == {"project-delegation", "alternative-vehicle-protections", "central-file", "recommendation-only"}
}

test_cgen_exemption_path_notes if {
	fixtures.note_codes(fixtures.decision_for(cgen)) == {"central-file", "recommendation-only"}
}

test_incomplete_requests_carry_the_path_notes if {
	notes := fixtures.note_codes(fixtures.decision_for(object.remove(calnet, ["need"])))
	expected := {"project-delegation", "central-file", "recommendation-only"}
	expected & notes == expected
}

test_renewing_an_outside_contract_is_an_exception if {
	request := object.union(calnet, {"contract": {"renewal": {
		"renews_outside_contract": true,
		"existing_contract": "DGS-2019-042",
		"action_date": "2027-01-15",
	}}})
	"terminate-outside-contract" in fixtures.note_codes(fixtures.decision_for(request))
}

test_central_file_is_for_the_program_auditor if {
	some calnet_note in fixtures.decision_for(calnet).notes
	calnet_note.code == "central-file"
	contains(calnet_note.message, "available to STND")
	some cgen_note in fixtures.decision_for(cgen).notes
	cgen_note.code == "central-file"
	contains(cgen_note.message, "available to CDT")
}

test_recommendation_names_the_approver if {
	some note in fixtures.decision_for(cgen).notes
	note.code == "recommendation-only"
	contains(note.message, "CDT Chief Technology Officer")
}

test_no_exemption_path_notes_when_not_required if {
	decision := fixtures.decision_for(object.union(calnet, {"agency": {"code": "SOS"}}))
	fixtures.note_codes(decision) == {"procurement-rules-apply"}
}

test_local_agencies_get_no_procurement_note if {
	decision := fixtures.decision_for(fixtures.with_services(calnet, "FRESNO-CITY", ["voice-local"]))
	fixtures.note_codes(decision) == set()
}
