/**
 * The append-only, hash-chained audit log (SPEC §6). Other modules append through {@link cn.sanling.audit.AuditLog}.
 */
package cn.sanling.audit;
