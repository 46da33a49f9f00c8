package exemptions_test

import data.exemptions

test_exempt_agency_needs_no_exemption if {
	exemptions.decision.outcome == "not-required" with input as {"request": {"program": "calnet", "agency": {"code": "UC"}}}
}

test_executive_branch_agency_is_judged if {
	exemptions.decision.outcome == "incomplete" with input as {"request": {"program": "calnet", "agency": {"code": "DGS"}}}
}
