"""Rulesets and their judgement: ruleset model, loading and cache, one module per rule kind (kinds/),
the facts the engine knows of a plan, the engine, outcomes into findings, the checker, selection and
waivers. May import: inputs, model, core."""
