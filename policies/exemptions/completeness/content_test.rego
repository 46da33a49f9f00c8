package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

test_calnet_names_its_project if {
	fixtures.incomplete_with(object.remove(calnet, ["project"]), "project-missing", "/project/name")
	fixtures.incomplete_with(object.union(calnet, {"project": "SD-WAN"}), "project-missing", "/project/name")
}

test_cgen_needs_no_project if {
	not "project-missing" in fixtures.deficiency_codes(fixtures.decision_for(object.remove(cgen, ["project", "need"])))
}

test_need_is_explained if {
	fixtures.incomplete_with(object.remove(calnet, ["need"]), "need-missing", "/need")
	fixtures.incomplete_with(object.union(cgen, {"need": ""}), "need-missing", "/need")
}

test_calnet_explains_ramifications if {
	fixtures.incomplete_with(object.remove(calnet, ["ramifications"]), "ramifications-missing", "/ramifications")
	fixtures.decision_for(cgen).outcome == "ready-for-decision"
}

test_program_shortfall_is_explained if {
	fixtures.incomplete_with(
		object.remove(calnet, ["program_shortfall"]),
		"program-shortfall-missing",
		"/program_shortfall",
	)
	fixtures.incomplete_with(
		object.union(cgen, {"program_shortfall": 0}),
		"program-shortfall-missing",
		"/program_shortfall",
	)
}

test_reason_kind_and_explanation_are_given if {
	fixtures.incomplete_with(object.remove(calnet, ["reason"]), "reason-missing", "/reason/kind")
	fixtures.incomplete_with(object.remove(calnet, ["reason"]), "reason-missing", "/reason/explanation")
}

test_calnet_reason_is_technical_or_financial if {
	fixtures.incomplete_with(
		object.union(calnet, {"reason": {"kind": "business"}}),
		"reason-kind-not-allowed",
		"/reason/kind",
	)
	fixtures.decision_for(object.union(calnet, {"reason": {"kind": "financial"}})).outcome == "ready-for-decision"
}

test_cgen_reason_is_technical_or_business if {
	request := object.union(cgen, {"reason": {"kind": "financial"}})
	fixtures.incomplete_with(request, "reason-kind-not-allowed", "/reason/kind")
	some deficiency in fixtures.decision_for(request).deficiencies
	deficiency.message == "reason.kind must be business or technical for a cgen request"
}
