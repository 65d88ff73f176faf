// One lead: why it is where it is. Score and thresholds, its stage and NPS answer, the score over time, the rules
// behind every point, the ledger line by line, and what sales was told.
import { ApiError, get, getAll, leadPath, modelInForce } from './api.js';
import { h } from './dom.js';
import { chartBox, legend, scoreChart } from './chart.js';
import { ago, leadName, plural, signed, when } from './format.js';
import { link } from './route.js';
import { badge, card, deliveryStatus, failure, note, table, tile } from './ui.js';

const LEDGER_ROWS = 50;

function thresholdBadges(thresholds) {
  return thresholds.map((t) => {
    const state = t.qualified ? 'qualified' : t.reached ? 'reached' : 'not reached';
    const kind = t.qualified ? 'ok' : t.reached ? 'warn' : '';
    const cycles = t.cycles > 1 ? ` ×${t.cycles}` : '';
    return badge(`${t.name} ${t.points}: ${state}${cycles}`, kind);
  });
}

// The lead's stage in the funnel, and who moved it there and why (a CRM verdict's rep, or leadscore for an MQL).
function stageBadge(lead) {
  if (!lead.stage) return null;
  const last = (lead.stageHistory || []).at(-1);
  const why = last ? `${last.who}${last.why ? ': ' + last.why : ''}` : 'no verdict yet';
  return h('span', { class: 'badge stage', title: why }, `stage ${lead.stage}`);
}

// The lead's latest answer to the NPS survey: a detractor (0-6) is a customer at risk, a promoter (9-10) an advocate.
const NPS_KIND = { promoter: 'ok', passive: '', detractor: 'bad' };

function npsBadge(lead) {
  if (!lead.nps) return null;
  const { score, at, category } = lead.nps;
  return h('span', { class: `badge nps ${NPS_KIND[category] || ''}`.trim(), title: `answered ${when(at)}` },
      `NPS ${score} · ${category}`);
}

function tiles(lead) {
  return h('div', { class: 'tiles' },
      tile('Score', lead.score, lead.model ? 'model ' + lead.model : null),
      tile('Fit', lead.fit, lead.grade ? `grade ${lead.grade} · who they are` : 'who they are'),
      tile('Engagement', lead.engagement, 'what they did'),
      tile('Last activity', ago(lead.lastActivityAt), when(lead.lastActivityAt)),
      lead.cold ? tile('Cold since', ago(lead.coldSince), when(lead.coldSince))
        : tile('First seen', ago(lead.firstSeenAt), when(lead.firstSeenAt)));
}

function profileLine(lead) {
  const p = lead.profile || {};
  const parts = [p.jobTitle, p.company, p.email, p.country].filter(Boolean);
  return h('p', { class: 'muted' }, parts.join(' · ') || 'No profile yet: the lead is known by its id only.');
}

function groups(lead) {
  if (!lead.groups || !lead.groups.length) return null;
  return h('div', { class: 'groups' }, lead.groups.map((g) => h('div', { class: 'group' },
      h('span', { class: 'group-name' }, g.name), h('b', {}, g.score), thresholdBadges(g.thresholds))));
}

/** What a breakdown line means; decay lines are named by the scope that faded, as the model has no text for them. */
function meaning(line, lead) {
  if (line.kind !== 'DECAY' || (line.description && line.description !== line.rule)) return line.description || line.rule;
  const group = (lead.groups || []).find((g) => g.id === line.group);
  return group ? `${group.name} faded with inactivity` : 'Faded with inactivity';
}

function breakdown(lead) {
  return table([
    { title: 'Rule', cell: (line) => h('div', { class: 'who' }, h('span', {}, meaning(line, lead)),
        h('span', { class: 'muted small' }, line.rule)) },
    { title: 'Kind', optional: true, cell: (line) => badge(line.kind.toLowerCase(), line.kind.toLowerCase()) },
    { title: 'Group', optional: true, cell: (line) => line.group || '—' },
    { title: 'Hits', numeric: true, optional: true, cell: (line) => line.hits },
    { title: 'Points', numeric: true, cell: (line) => h('b', { class: line.points < 0 ? 'neg' : '' }, signed(line.points)) },
    { title: 'Last', optional: true, cell: (line) => ago(line.lastAt) },
  ], lead.breakdown, { empty: 'No rule has scored yet.' });
}

// Points of rules with `expires:` still to be taken back, soonest first: why the score will fall without a word.
function expiring(lead) {
  if (!lead.expiring || !lead.expiring.length) return null;
  return card('Points to expire', table([
    { title: 'Rule', cell: (e) => h('div', { class: 'who' }, h('span', {}, e.description || e.rule),
        h('span', { class: 'muted small' }, e.rule)) },
    { title: 'Points', numeric: true, cell: (e) => h('b', { class: e.points < 0 ? 'neg' : '' }, signed(e.points)) },
    { title: 'Earned', optional: true, cell: (e) => h('span', { title: e.earnedAt }, when(e.earnedAt)) },
    { title: 'Expire', cell: (e) => h('span', { title: e.at }, when(e.at)) },
  ], lead.expiring));
}

/** A listed competitor's lead: the model's competitors list takes its fit and keeps it from sales. */
function competitorBadge(lead) {
  return lead.competitor ? h('span', { class: 'badge competitor bad',
    title: 'Matches the model\'s competitors: no fit points, never announced to sales' }, 'competitor') : null;
}

function contributions(entry) {
  const lines = (entry.contributions || []).filter((c) => c.points !== 0 || c.note);
  if (!lines.length) return h('span', { class: 'muted' }, entry.reason === 'cold' ? 'no score increase for the cold period' : 'no rule matched');
  return h('ul', { class: 'contributions' }, lines.map((c) => h('li', {},
      h('b', { class: c.points < 0 ? 'neg' : '' }, signed(c.points)), ' ', c.rule,
      c.group ? h('span', { class: 'muted' }, ` (${c.group})`) : null,
      c.note ? h('span', { class: 'muted' }, ` ${c.note}`) : null)));
}

function ledgerTable(entries) {
  const newestFirst = entries.slice().reverse();
  const body = h('div');
  const render = (count) => {
    const rows = newestFirst.slice(0, count);
    body.replaceChildren(table([
      { title: 'When', cell: (e) => h('span', { title: e.occurredAt }, when(e.occurredAt)) },
      { title: 'What', cell: (e) => h('div', { class: 'who' }, badge(e.reason === 'event' ? e.eventType : e.reason, e.reason),
          h('span', { class: 'muted small' }, e.eventId)) },
      { title: 'Rules', optional: true, cell: contributions },
      { title: 'Change', numeric: true, cell: (e) => h('b', { class: e.change < 0 ? 'neg' : e.change > 0 ? 'pos' : 'muted' }, signed(e.change)) },
      { title: 'Score', numeric: true, cell: (e) => e.scoreAfter },
    ], rows, { empty: 'The ledger is empty.' }));
    if (count < newestFirst.length) {
      body.append(h('button', { class: 'more', type: 'button', onclick: () => render(newestFirst.length) },
          `Show all ${newestFirst.length} entries`));
    }
  };
  render(LEDGER_ROWS);
  return body;
}

export function notifications(list) {
  if (!list || !list.length) return note('No announcement yet: nothing was qualified, disqualified or went cold.', 'calm');
  return h('ul', { class: 'feed' }, list.map(({ announcement: a, deliveries }) => h('li', {},
      h('div', { class: 'feed-head' }, badge(a.detailType, a.detailType), h('span', { class: 'muted' }, when(a.createdAt))),
      h('div', {}, a.qualificationId, a.detail && a.detail.score !== undefined ? ` · score ${a.detail.score}` : ''),
      h('div', { class: 'deliveries' },
          a.publishedAt ? badge('on the bus ' + ago(a.publishedAt)) : badge('not published yet', 'warn'),
          (deliveries || []).map((d) => h('span', { class: 'delivery' }, d.destinationId, ' ', deliveryStatus(d.status),
              d.attempts > 1 ? h('span', { class: 'muted small' }, ` ${plural(d.attempts, 'attempt')}`) : null,
              d.error ? h('span', { class: 'muted small' }, ` ${d.error}`) : null))))));
}

export async function leadView(route) {
  const leadId = route.segments[1] || '';
  let lead;
  try {
    lead = await get(leadPath(leadId));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [h('header', { class: 'view-head' }, h('h1', {}, leadId)),
      error.code === 'lead_not_found' ? note(`No lead "${leadId}" has been scored.`, 'calm') : failure(error, 'This lead')];
  }
  const model = await modelInForce();
  let history;
  // The score before the first entry shown: nothing, unless only the latest entries could be read.
  let startScore = 0;
  let historyNote = null;
  try {
    const all = await getAll(leadPath(leadId) + '/ledger');
    history = all.items;
    if (!all.complete) historyNote = note(`The first ${history.length} entries of a longer history.`, 'calm');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    history = (lead.recentLedger || []).slice().reverse();
    startScore = lead.score - history.reduce((sum, entry) => sum + entry.change, 0);
    historyNote = note(error.unavailable ? 'The full history is not available yet: the latest '
        + plural(history.length, 'entry', 'entries') + ' are shown.' : `Could not load the history: ${error.message}`, 'calm');
  }
  // A lead in a market is held to its market's thresholds, which the lead view carries.
  const thresholds = (model && !lead.market ? model.thresholds : lead.thresholds).map((t) => ({ name: t.name, points: t.points }));
  return [
    h('header', { class: 'view-head' },
        h('p', { class: 'crumbs' }, h('a', { href: link(['leads']) }, 'Leads'), ' / ', lead.leadId),
        h('h1', {}, leadName(lead), lead.cold ? badge('cold', 'cold') : null),
        profileLine(lead),
        h('div', { class: 'badges' }, stageBadge(lead), npsBadge(lead), competitorBadge(lead),
            lead.market ? badge('market ' + lead.market, 'market') : null, thresholdBadges(lead.thresholds),
            lead.accountId ? h('a', { class: 'badge link', href: link(['account', lead.accountId]) },
                'account ' + lead.accountId) : null)),
    tiles(lead),
    groups(lead),
    card('Score over time',
        history.length ? chartBox((width, height) => scoreChart(history, { width, height, startScore, thresholds }))
          : note('No ledger entries yet.', 'calm'),
        h('div', { class: 'legend' }, legend()), historyNote),
    h('div', { class: 'columns' },
        card('Why this score', breakdown(lead)),
        card('What sales was told', notifications(lead.notifications))),
    expiring(lead),
    card('Ledger', ledgerTable(history)),
  ];
}
