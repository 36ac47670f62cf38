"""Reporters that only render findings: the report in every format, JSON, the batch summary, the rule
catalogue, draft-to-draft diffs, escaping and safe writing. May import: rules, inputs, model, core."""
