package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

fsr_request := fixtures.calnet_fsr_request

test_fsr_path_is_a_mapping if {
	fixtures.incomplete_with(
		object.union(fsr_request, {"grounds": {"fsr": "FSR-7502-14"}}),
		"fsr-incomplete",
		"/grounds/fsr",
	)
}

test_fsr_is_identified if {
	every field in ["number", "document"] {
		request := json.remove(fsr_request, [concat("/", ["grounds", "fsr", field])])
		fixtures.incomplete_with(request, "fsr-incomplete", concat("/", ["", "grounds", "fsr", field]))
	}
}

test_fsr_submission_dates_are_given if {
	every field in ["submitted_to_stnd", "submitted_to_dof"] {
		request := object.union(fsr_request, {"grounds": {"fsr": {field: "March"}}})
		fixtures.incomplete_with(request, "fsr-incomplete", concat("/", ["", "grounds", "fsr", field]))
	}
}

test_fsr_review_and_coordination_are_stated if {
	request := json.remove(fsr_request, ["grounds/fsr/stnd_review", "grounds/fsr/dof_coordination/coordinated"])
	fixtures.incomplete_with(request, "fsr-incomplete", "/grounds/fsr/stnd_review/reviewed")
	fixtures.incomplete_with(request, "fsr-incomplete", "/grounds/fsr/dof_coordination/coordinated")
}

test_a_review_that_happened_is_dated if {
	request := json.remove(fsr_request, ["grounds/fsr/stnd_review/date", "grounds/fsr/dof_coordination/date"])
	fixtures.incomplete_with(request, "fsr-incomplete", "/grounds/fsr/stnd_review/date")
	fixtures.incomplete_with(request, "fsr-incomplete", "/grounds/fsr/dof_coordination/date")
}

test_fsr_document_is_attached_with_kind_fsr if {
	request := object.union(fsr_request, {"attachments": [object.union(fixtures.fsr_attachment, {"kind": "ipr"})]})
	fixtures.incomplete_with(request, "attachment-missing", "/grounds/fsr/document")
}

test_fsr_reaching_stnd_after_dof_is_inconsistent if {
	late_to_stnd := {"submitted_to_stnd": "2026-10-02", "submitted_to_dof": "2026-10-01"}
	request := object.union(fsr_request, {"grounds": {"fsr": late_to_stnd}})
	fixtures.incomplete_with(request, "fsr-stnd-after-dof", "/grounds/fsr/submitted_to_stnd")
}

test_fsr_reaching_stnd_and_dof_the_same_day_is_in_order if {
	fixtures.decision_for(fsr_request).outcome == "ready-for-decision"
	fsr_request.grounds.fsr.submitted_to_stnd == fsr_request.grounds.fsr.submitted_to_dof
}

test_fsr_reaching_stnd_first_is_in_order if {
	request := object.union(fsr_request, {"grounds": {"fsr": {"submitted_to_stnd": "2026-09-27"}}})
	fixtures.decision_for(request).outcome == "ready-for-decision"
}
