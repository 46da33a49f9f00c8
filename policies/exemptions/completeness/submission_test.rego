package exemptions.completeness_test

import data.exemptions.completeness
import data.exemptions.fixtures_test as fixtures

calnet := fixtures.calnet_request

cgen := fixtures.cgen_request

test_request_not_an_object if {
	every request in ["text", 3, null, [fixtures.calnet_request]] {
		fixtures.incomplete_with(request, "request-not-an-object", "")
	}
}

test_input_without_request if {
	completeness.malformed == {{
		"code": "request-not-an-object",
		"path": "",
		"message": "the request is not a mapping of fields; write it in the request format (format: 2)",
	}} with input as {}
}

test_unsupported_format if {
	fixtures.incomplete_with(object.union(calnet, {"format": 3}), "unsupported-format", "/format")
	fixtures.incomplete_with(object.remove(calnet, ["format"]), "unsupported-format", "/format")
}

test_a_format_1_request_is_told_how_to_become_format_2 if {
	decision := fixtures.decision_for(object.union(calnet, {"format": 1}))
	some issue in decision.deficiencies
	issue.code == "unsupported-format"
	contains(issue.message, "rename submitted.on to submitted.date, and add contract.purchase_date")
}

test_unknown_program if {
	fixtures.incomplete_with(object.union(calnet, {"program": "calnet-msa"}), "unknown-program", "/program")
	fixtures.incomplete_with(object.remove(calnet, ["program"]), "unknown-program", "/program")
}

test_unknown_agency if {
	fixtures.incomplete_with(object.union(calnet, {"agency": {"code": "NOPE"}}), "unknown-agency", "/agency/code")
	fixtures.incomplete_with(object.remove(calnet, ["agency"]), "unknown-agency", "/agency/code")
}

test_unknown_agency_message_names_the_code if {
	decision := fixtures.decision_for(object.union(calnet, {"agency": {"code": "NOPE"}}))
	some deficiency in decision.deficiencies
	contains(deficiency.message, "\"NOPE\"")
}

test_evaluation_date_invalid if {
	decision := fixtures.decision_on(calnet, "2026-02-30")
	decision.outcome == "incomplete"
	fixtures.deficiency_codes(decision) == {"evaluation-date-invalid"}
}

test_submission_date_missing if {
	fixtures.incomplete_with(object.remove(calnet, ["submitted"]), "submission-incomplete", "/submitted/date")
	fixtures.incomplete_with(
		object.union(calnet, {"submitted": {"date": "01/10/2026"}}),
		"submission-incomplete",
		"/submitted/date",
	)
}

test_submission_after_the_evaluation_date if {
	request := object.union(calnet, {"submitted": {"date": "2026-11-23"}})
	fixtures.incomplete_with(request, "submission-incomplete", "/submitted/date")
	fixtures.decision_for(object.union(calnet, {"submitted": {"date": "2026-11-22"}})).outcome == "ready-for-decision"
}

test_submitter_not_named if {
	fixtures.incomplete_with(
		object.union(calnet, {"submitted": {"by": {"name": " "}}}),
		"submission-incomplete",
		"/submitted/by/name",
	)
}

test_calnet_submitter_must_be_aio_cio_or_equivalent if {
	fixtures.incomplete_with(
		object.union(calnet, {"submitted": {"by": {"role": "other"}}}),
		"submitter-not-authorized",
		"/submitted/by/role",
	)
	fixtures.incomplete_with(object.remove(calnet, ["submitted"]), "submitter-not-authorized", "/submitted/by/role")
	fixtures.decision_for(object.union(calnet, {"submitted": {"by": {"role": "cio"}}})).outcome == "ready-for-decision"
}

test_calnet_equivalent_states_a_designation if {
	equivalent := object.union(calnet, {"submitted": {"by": {"role": "equivalent"}}})
	fixtures.incomplete_with(equivalent, "submitter-not-authorized", "/submitted/by/designation")
	designated := object.union(equivalent, {"submitted": {"by": {"designation": "Acting AIO by delegation"}}})
	fixtures.decision_for(designated).outcome == "ready-for-decision"
}

test_cgen_submitter_may_have_any_role if {
	fixtures.decision_for(cgen).outcome == "ready-for-decision"
}

test_cgen_needs_the_aio_approval if {
	request := object.union(cgen, {"approvals": [{"role": "cio", "name": "Lee Chen", "date": "2026-09-25"}]})
	fixtures.incomplete_with(request, "missing-aio-approval", "/approvals")
	not "missing-cio-approval" in fixtures.deficiency_codes(fixtures.decision_for(request))
}

test_cgen_needs_the_cio_approval if {
	request := object.union(cgen, {"approvals": [{"role": "aio", "name": "Ana Ruiz", "date": "2026-09-20"}]})
	fixtures.incomplete_with(request, "missing-cio-approval", "/approvals")
}

test_cgen_without_approvals_misses_both if {
	decision := fixtures.decision_for(object.remove(cgen, ["approvals"]))
	{"missing-aio-approval", "missing-cio-approval"} == fixtures.deficiency_codes(decision)
}

test_an_approval_dated_after_the_evaluation_does_not_count if {
	approvals := [
		{"role": "aio", "name": "Ana Ruiz", "date": "2026-11-23"},
		{"role": "cio", "name": "Lee Chen", "date": "2026-11-22"},
	]
	decision := fixtures.decision_for(object.union(cgen, {"approvals": approvals}))
	[issue] := decision.deficiencies
	issue.code == "approval-after-evaluation"
	issue.path == "/approvals/0/date"
	startswith(issue.message, "the AIO approval by Ana Ruiz is dated 2026-11-23, after the evaluation date (2026-11-22)")
	endswith(issue.message, "evaluated again on or after 2026-11-23")
}

test_a_later_approval_beside_one_that_counts_is_still_reported if {
	approvals := array.concat(cgen.approvals, [{"role": "cio", "name": "Kim Wu", "date": "2027-01-05"}])
	decision := fixtures.decision_for(object.union(cgen, {"approvals": approvals}))
	fixtures.deficiency_codes(decision) == {"approval-after-evaluation"}
}

test_an_approval_without_name_or_date_does_not_count if {
	approvals := [{"role": "aio", "date": "2026-09-20"}, {"role": "cio", "name": "Lee Chen", "date": "soon"}]
	decision := fixtures.decision_for(object.union(cgen, {"approvals": approvals}))
	fixtures.deficiency_codes(decision) == {"missing-aio-approval", "missing-cio-approval"}
}

test_approvals_are_judged_without_a_valid_evaluation_date if {
	completeness.approving_roles == {"aio", "cio"} with input as {"request": cgen, "context": {}}
}
