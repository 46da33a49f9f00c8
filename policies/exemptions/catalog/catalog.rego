# METADATA
# title: Citations of outcomes, reasons, grounds, deficiencies, notes and approvers
# description: >-
#   The citation of every code, by kind and program. The METADATA of the rule that produces each code
#   names its clauses by id and the clause catalog (policies/reference/clauses.json) words them;
#   `npm run docs:policy` composes them into citations.json beside this file (and into
#   docs/policy-reference.md), and a test fails when either is out of date.
package exemptions.catalog

# METADATA
# title: The citation of a code for a program
# description: >-
#   Each program's own citation; for a request whose program is unknown, every program's. A code that
#   cites nothing of the request's program, or has no citation, gives a marker that the tests look for,
#   never undefined and never the other program's text.
# scope: document
default citation(_, _, _) := "(no citation recorded)"

citation(kind, code, program) := data.exemptions.catalog.citations[kind][code][program] if {
	is_string(data.exemptions.catalog.citations[kind][code][program])
}

citation(kind, code, null) := concat("; ", [entry[name] | some name in ["calnet", "cgen"]; entry[name]]) if {
	entry := data.exemptions.catalog.citations[kind][code]
	count(entry) > 0
}
