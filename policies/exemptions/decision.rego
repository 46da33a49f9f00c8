# METADATA
# title: Exemption decision
# description: >-
#   The one decision entrypoint for a request against the CALNET MSA or CGEN. Input:
#   {request, context: {evaluation_date}}. The decision is total: any input, however malformed, gets
#   exactly one decision.
package exemptions

import data.exemptions.advice
import data.exemptions.applicability
import data.exemptions.grounds
import data.exemptions.precedence
import data.exemptions.request
import data.exemptions.term

# METADATA
# title: Decision for one request
# description: >-
#   Outcome, reasons, grounds, deficiencies, notes, approver, the earliest purchase date an ATO allows
#   and the term the exemption would cover, in a stable order (deficiencies by path, then code; notes by
#   code). Each is cited by its code: the evaluator looks the citations up in catalog/citations.json,
#   which the policy bundle carries beside this file, so that the decision carries no clause text.
# entrypoint: true
decision := {
	"outcome": precedence.outcome,
	"program": request.program,
	"reasons": reasons,
	"grounds": shown_grounds,
	"deficiencies": deficiencies,
	"notes": notes,
	"approver": precedence.approver,
	"available_from": available_from,
	"term": shown_term,
}

default reasons := []

reasons := sort(applicability.reasons) if precedence.outcome == precedence.not_required

default shown_grounds := []

shown_grounds := sort(grounds.shown) if precedence.outcome == precedence.ready_for_decision

default shown_term := null

shown_term := term.covered if precedence.outcome == precedence.ready_for_decision

default available_from := null

available_from := applicability.available_from if precedence.outcome == precedence.ato_bound

# METADATA
# title: The deficiencies the outcome reports
# description: >-
#   What is missing when incomplete; why no ground is shown when ground-not-met; what binds the agency
#   when ato-bound; else none.
# scope: document
default deficiencies := []

deficiencies := _ordered(precedence.deficiencies) if precedence.outcome == precedence.incomplete

deficiencies := _ordered(grounds.findings) if precedence.outcome == precedence.ground_not_met

deficiencies := _ordered(applicability.binding) if precedence.outcome == precedence.ato_bound

_ordered(issues) := [issue | some [_, _, issue] in sort({[issue.path, issue.code, issue] | some issue in issues})]

notes := [note | some [_, note] in sort({[note.code, note] | some note in advice.notes})]
