# METADATA
# title: Our decision, as conftest sees a request file
# description: >-
#   The thin wrapper the benchmark runs conftest with: it computes the exemptions decision once per file,
#   with the same Rego and reference data the product uses, and reports the outcome as a deny (the check
#   fails) or a warn (it passes), so the benchmark can compare conftest's outcomes with ours file by file.
#   conftest reads its rules from the namespace main, whatever the folder.
package main # regal ignore:directory-package-mismatch

import data.exemptions

# The evaluation date every benchmark run uses.
evaluation_date := "2026-11-22"

acceptable := {"ready-for-decision", "not-required"}

decision := d if {
	# conftest gives the request itself as input; the decision takes it with its context.
	# regal ignore:with-outside-test-context
	d := exemptions.decision with input as {"request": input, "context": {"evaluation_date": evaluation_date}}
}

deny contains decision.outcome if not decision.outcome in acceptable

warn contains decision.outcome if decision.outcome in acceptable
