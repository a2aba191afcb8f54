-- Cases resolved before V24 hold their agreement on the case row only (the agreements list shows it from there).
-- A RESOLVE after a follow-up found it not fulfilled writes the case row again, so that agreement would be gone:
-- each becomes its case's first dispute_agreement row, as V24 keeps every agreement since.
INSERT INTO dispute_agreement (dispute_id, level, agreement_type, fulfilment, agreement_text, resolved_by,
  resolved_at)
SELECT d.id, d.level, d.agreement_type, COALESCE(d.fulfilment, 'IMMEDIATE'), COALESCE(d.agreement_text, ''),
  COALESCE(d.mediator, 'system'), COALESCE(d.resolved_at, d.updated_at)
FROM dispute d
WHERE d.agreement_type IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dispute_agreement a WHERE a.dispute_id = d.id)
ORDER BY d.id;
