# METADATA
# title: Exemption decision
# description: The one decision entrypoint for a request against the CALNET MSA or CGEN.
package exemptions

# METADATA
# title: Decision for one request
# entrypoint: true
decision := {
	"outcome": outcome,
	"program": input.request.program,
	"reasons": reasons,
	"grounds": [],
	"deficiencies": [],
	"notes": [],
	"approver": null,
	"citations": [],
}

agency := data.reference.agencies[input.request.agency.code]

reasons contains "exempt-agency" if agency.status == "exempt"

default outcome := "incomplete"

outcome := "not-required" if count(reasons) > 0
