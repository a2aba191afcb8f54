/**
 * Users, roles, login (form and bearer tokens), lockout, password policy, and the current {@link cn.sanling.account.Actor}.
 */
package cn.sanling.account;
