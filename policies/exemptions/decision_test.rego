package exemptions_test

import data.exemptions
import data.exemptions.fixtures_test as fixtures

test_exempt_agency_needs_no_exemption if {
	decision := exemptions.decision with input as {"request": {"program": "calnet", "agency": {"code": "UC"}}}
	decision.outcome == "not-required"
	decision.reasons == ["exempt-agency"]
	decision.deficiencies == []
	decision.approver == null
}

test_complete_request_is_ready_with_its_approver if {
	decision := fixtures.decision_for(fixtures.calnet_request)
	decision.outcome == "ready-for-decision"
	decision.program == "calnet"
	decision.grounds == ["functionality"]
	decision.reasons == []
	decision.deficiencies == []
	decision.available_from == null
	startswith(decision.approver, "Director, Department of Technology")
}

test_decision_has_every_field_for_any_input if {
	every request in [null, "text", 12, true, [], [1, 2], {}, {"program": 7}, {"agency": "UC"}] {
		decision := fixtures.decision_for(request)
		object.keys(decision) == {
			"outcome", "program", "reasons", "grounds", "deficiencies",
			"notes", "approver", "available_from", "term",
		}
		decision.outcome == "incomplete"
	}
}

test_request_that_is_not_a_mapping_reports_only_that if {
	decision := fixtures.decision_for("format: 1")
	[deficiency.code | some deficiency in decision.deficiencies] == ["request-not-an-object"]
	decision.program == null
}

test_missing_context_still_gives_a_decision if {
	decision := exemptions.decision with input as {"request": fixtures.calnet_request}
	decision.outcome == "incomplete"
	"evaluation-date-invalid" in fixtures.deficiency_codes(decision)
}

test_deficiencies_are_ordered_by_path_then_code if {
	request := object.remove(fixtures.calnet_request, ["need", "cost", "services"])
	decision := fixtures.decision_for(request)
	paths := [deficiency.path | some deficiency in decision.deficiencies]
	paths == sort(paths)
	paths == ["/cost", "/need", "/services"]
}

test_an_agency_the_registry_does_not_know_gets_only_what_decides_the_path if {
	decision := fixtures.decision_for(object.union(fixtures.calnet_request, {"agency": {"code": "DGSS"}}))
	decision.outcome == "incomplete"
	[issue] := decision.deficiencies
	issue.code == "unknown-agency"
	contains(issue.message, "\"DGSS\" is not in the agency registry")
	contains(issue.message, "ask the policy maintainers to add it")
	decision.notes == []
	decision.approver == null
}

test_a_registry_status_the_policy_does_not_read_leaves_the_path_undetermined if {
	agencies := {"TRIBE": {"name": "A tribal government", "status": "tribal-government"}}
	request := object.union(fixtures.calnet_request, {"agency": {"code": "TRIBE"}})
	decision := fixtures.decision_for(request) with data.reference.agencies as agencies
	decision.outcome == "incomplete"
	fixtures.deficiency_codes(decision) == {"path-undetermined"}
	decision.approver == null
}
