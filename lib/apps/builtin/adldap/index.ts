// AD LDAP app: SOAR's AD LDAP actions (phantom_adldap identifiers, parameters and data paths)
// over ldapts, so community playbooks that disable an account or move it between groups bind
// unchanged. Active Directory semantics: an account is disabled by bit 0x2 of
// userAccountControl, "reset password" sets pwdLastSet to 0 (change at next logon), "set
// password" writes unicodePwd (AD requires LDAPS for it), "unlock account" zeroes lockoutTime.
import { Attribute, Change, FilterParser, NoSuchObjectError } from "ldapts";
import { failed, success, type ActionHandler, type AppModule } from "@/lib/apps/sdk";
import { connectivityTest } from "../connectivity";
import { failingOn } from "../permanent";
import { str } from "../params";
import { DirectoryError, escapeFilter, findAccount, semicolons, withDirectory, type Directory } from "./directory";
import { attributesOf, BINARY_ATTRIBUTES } from "./values";

const ACCOUNTDISABLE = 0x2;
const permanent = failingOn(DirectoryError);

const replace = (type: string, values: string[] | Buffer[]) => new Change({ operation: "replace", modification: new Attribute({ type, values }) });

/** An action on one account: resolve it, change it, say what happened. */
function accountAction(change: (d: Directory, account: Awaited<ReturnType<typeof findAccount>>, param: Record<string, unknown>) => Promise<ReturnType<typeof success>>): ActionHandler {
  return (ctx, param) => permanent(() => withDirectory(ctx, async (d) => {
    const user = str(param.user).trim();
    if (!user) throw new DirectoryError("user: which account?");
    return change(d, await findAccount(d, user, param.use_samaccountname === true), param);
  }));
}

function switchAccount(disable: boolean): ActionHandler {
  return accountAction(async ({ client }, account) => {
    const starting = account.userAccountControl & ACCOUNTDISABLE ? "disabled" : "enabled";
    const uac = disable ? account.userAccountControl | ACCOUNTDISABLE : account.userAccountControl & ~ACCOUNTDISABLE;
    if (uac !== account.userAccountControl) await client.modify(account.dn, [replace("userAccountControl", [String(uac)])]);
    const status = disable ? "disabled" : "enabled";
    return success(`Account status: ${status}`, [{ user_dn: account.dn, starting_status: starting }], { account_status: status });
  });
}

const unlockAccount = accountAction(async ({ client }, account) => {
  await client.modify(account.dn, [replace("lockoutTime", ["0"])]);
  return success("Unlocked: True", [{ user_dn: account.dn, samaccountname: account.samaccountname, unlocked: true }], { unlocked: true });
});

const resetPassword = accountAction(async ({ client }, account) => {
  await client.modify(account.dn, [replace("pwdLastSet", ["0"])]);
  return success("Reset: True", [{ user_dn: account.dn, samaccountname: account.samaccountname, reset: true }], { reset: true });
});

const setPassword: ActionHandler = (ctx, param) => {
  const password = str(param.password);
  if (!password) return Promise.resolve(failed("password: the new password is empty"));
  if (password !== str(param.confirm_password)) return Promise.resolve(failed("password and confirm_password differ"));
  return accountAction(async ({ client }, account) => {
    // AD takes the new password as the UTF-16LE bytes of the quoted string.
    await client.modify(account.dn, [replace("unicodePwd", [Buffer.from(`"${password}"`, "utf16le")])]);
    return success("Set: True", [{ user_dn: account.dn, samaccountname: account.samaccountname, set: true }], { set: true });
  })(ctx, param);
};

function groupMembers(add: boolean): ActionHandler {
  return (ctx, param) => permanent(() => withDirectory(ctx, async (d) => {
    const bySam = param.use_samaccountname === true;
    const memberNames = semicolons(param.members);
    const groupNames = semicolons(param.groups);
    if (memberNames.length === 0) throw new DirectoryError("members: at least one member is needed");
    if (groupNames.length === 0) throw new DirectoryError("groups: at least one group is needed");
    const members = await Promise.all(memberNames.map((m) => findAccount(d, m, bySam)));
    const groups = await Promise.all(groupNames.map((g) => findAccount(d, g, bySam)));
    const data: Record<string, unknown>[] = [];
    for (const group of groups) {
      for (const member of members) {
        // One change per member, so one who already is (or is not) a member does not stop the rest.
        try {
          await d.client.modify(group.dn, [new Change({ operation: add ? "add" : "delete", modification: new Attribute({ type: "member", values: [member.dn] }) })]);
          data.push({ member: member.dn, group: group.dn, function: add ? "added" : "removed" });
        } catch (err) {
          const code = (err as { code?: number }).code;
          // 20 attributeOrValueExists / 68 entryAlreadyExists (AD): already a member; 16 noSuchAttribute / 53 (AD): not a member.
          if (add && (code === 20 || code === 68)) data.push({ member: member.dn, group: group.dn, function: "already a member" });
          else if (!add && (code === 16 || code === 53)) data.push({ member: member.dn, group: group.dn, function: "not a member" });
          else throw err;
        }
      }
    }
    const summary = { found_user_records: members.length, requested_user_records: memberNames.length };
    return success(add ? "added member(s) to group(s)" : "removed member(s) from group(s)", data, summary);
  }));
}

const runQuery: ActionHandler = (ctx, param) => permanent(() => withDirectory(ctx, async ({ client, base }) => {
  const filter = str(param.filter).trim();
  if (!filter) throw new DirectoryError("filter: an LDAP filter such as (sAMAccountName=*) is needed");
  const attributes = semicolons(param.attributes);
  try {
    FilterParser.parseString(filter);
  } catch (err) {
    throw new DirectoryError(`filter: ${(err as Error).message}`);
  }
  const { searchEntries: entries } = await client.search(str(param.search_base).trim() || base, { scope: "sub", filter, attributes, explicitBufferAttributes: BINARY_ATTRIBUTES, paged: { pageSize: 500 } });
  const found = entries.map((e) => ({ dn: e.dn, attributes: attributesOf(e, true) }));
  return success(`Total objects: ${found.length}`, [{ entries: found }], { total_objects: found.length });
}));

const getAttributes: ActionHandler = (ctx, param) => permanent(() => withDirectory(ctx, async ({ client, base }) => {
  const principals = semicolons(param.principals);
  if (principals.length === 0) throw new DirectoryError("principals: at least one sAMAccountName, userPrincipalName or distinguishedName is needed");
  const attributes = semicolons(param.attributes);
  const entries: { dn: string; attributes: Record<string, unknown> }[] = [];
  for (const principal of principals) {
    const options = { attributes, explicitBufferAttributes: BINARY_ATTRIBUTES };
    // A distinguishedName is read directly; a name is looked for as sAMAccountName or UPN.
    const found = principal.includes("=")
      ? await client.search(principal, { ...options, scope: "base", filter: "(objectClass=*)" }).then((r) => r.searchEntries, (err) => (err instanceof NoSuchObjectError ? [] : Promise.reject(err)))
      : (await client.search(base, { ...options, scope: "sub", filter: `(|(sAMAccountName=${escapeFilter(principal)})(userPrincipalName=${escapeFilter(principal)}))` })).searchEntries;
    entries.push(...found.map((e) => ({ dn: e.dn, attributes: attributesOf(e, false) })));
  }
  if (entries.length === 0) return failed(`none of the principals was found under ${base}`, [{ entries }], { total_objects: 0 });
  return success(`Total objects: ${entries.length}`, [{ entries }], { total_objects: entries.length });
}));

const testConnectivity = connectivityTest(async (ctx) => {
  const base = await withDirectory(ctx, async (d) => d.base);
  ctx.log.info(`bound; searches start at ${base}`);
});

const app: AppModule = {
  actions: {
    test_connectivity: testConnectivity,
    disable_account: switchAccount(true),
    enable_account: switchAccount(false),
    unlock_account: unlockAccount,
    reset_password: resetPassword,
    set_password: setPassword,
    add_group_members: groupMembers(true),
    remove_group_members: groupMembers(false),
    run_query: runQuery,
    get_attributes: getAttributes,
  },
};
export default app;
