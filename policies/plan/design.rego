# The design a policy judges: `infragate plan --format json` is the design itself; a lock
# file (infra/baseline.lock.json) carries it under baseline.design.
package infragate.design

design := input.baseline.design if input.lock_version

design := input if not input.lock_version
