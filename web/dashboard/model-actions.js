// What can be done to a revision: backtest it against the published one, or publish it (a rollback when it is an
// older one). Both start a job on the admin API; the page then follows the job (#/job/<id>). A publish re-scores
// every lead, so it asks first, and asks whether the qualifications that result are announced to sales.
import { post, revisionPath } from './api.js';
import { h } from './dom.js';
import { link } from './route.js';
import { refusal } from './ui.js';

const JOBS_ITEM = 'leadscore.jobs';
const JOBS_KEPT = 10;

/** The jobs started from this tab, newest first: the API lists no jobs, so the page remembers the ones it started. */
export function rememberedJobs() {
  try {
    return JSON.parse(sessionStorage.getItem(JOBS_ITEM)) || [];
  } catch {
    return [];
  }
}

function remember(job, revision) {
  const jobs = [{ jobId: job.jobId, type: job.type, revision, startedAt: new Date().toISOString() },
    ...rememberedJobs().filter((j) => j.jobId !== job.jobId)];
  sessionStorage.setItem(JOBS_ITEM, JSON.stringify(jobs.slice(0, JOBS_KEPT)));
}

/** Starts a job (`what`: "The backtest"), then follows it on its page; a refusal is said in `problem`. */
async function start(what, path, params, revision, problem) {
  problem.replaceChildren();
  try {
    const job = await post(path, params);
    remember(job, revision);
    location.hash = link(['job', job.jobId]);
  } catch (error) {
    problem.replaceChildren(refusal(error, what));
  }
}

/** An ISO instant from a date input's value (midnight UTC), or nothing for an empty one. */
function instant(value) {
  return value ? new Date(value + 'T00:00:00Z').toISOString() : undefined;
}

/**
 * A form in `panel`: its heading is focused when it opens, Cancel (or Escape) closes it and gives the focus back to
 * `opener`, the button that opened it. `submit(problem)` runs on confirmation and says a refusal in `problem`.
 */
function open(panel, opener, { title, explanation, fields, confirm, kind = null, submit }) {
  const problem = h('div', { role: 'alert' });
  const close = () => {
    panel.replaceChildren();
    panel.hidden = true;
    opener.focus();
  };
  const heading = h('h3', { tabindex: -1 }, title);
  const button = h('button', { type: 'submit', class: kind }, confirm);
  const form = h('form', {
    class: 'action-form',
    onsubmit: async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        await submit(problem);
      } finally {
        button.disabled = false;
      }
    },
    onkeydown: (event) => {
      if (event.key === 'Escape') close();
    },
  }, heading, explanation.map((text) => h('p', {}, text)), fields,
  h('div', { class: 'buttons' }, button, h('button', { type: 'button', class: 'secondary', onclick: close }, 'Cancel')),
  problem);
  panel.replaceChildren(form);
  panel.hidden = false;
  heading.focus();
}

/**
 * The buttons that start a backtest or a publish of revision `number` (a roll back, for an older one), their forms
 * opening in `panel`. published: the number of the revision in force.
 */
export function revisionActions(model, number, published, panel) {
  // The published revision is the baseline of every backtest, and in force already.
  if (number === published) return h('span', { class: 'muted small' }, 'in force');
  const path = revisionPath(model, number);
  const backtest = h('button', {
    type: 'button', class: 'secondary', 'aria-label': `Backtest revision ${number}`,
    onclick: () => {
      const from = h('input', { type: 'date', name: 'from' });
      const to = h('input', { type: 'date', name: 'to' });
      open(panel, backtest, {
        title: `Backtest revision ${number}`,
        explanation: [`Every lead's recorded activities are replayed under revision ${number} and under the published`
          + ` revision ${published}, side by side. Nothing live changes.`,
        'Crossings are counted per week within the window; leave it empty for the whole history.'],
        fields: h('fieldset', { class: 'window' }, h('legend', {}, 'Window (optional)'),
            h('label', {}, 'From', from), h('label', {}, 'To', to)),
        confirm: 'Run the backtest',
        submit: (problem) => start('The backtest', path + '/backtest',
            { from: instant(from.value), to: instant(to.value) }, number, problem),
      });
    },
  }, 'Backtest');
  const rollback = number < published;
  const publish = h('button', {
    type: 'button', class: 'secondary', 'aria-label': `Publish revision ${number}`,
    onclick: () => {
      const announce = h('input', { type: 'checkbox', name: 'announce' });
      open(panel, publish, {
        title: rollback ? `Roll back to revision ${number}` : `Publish revision ${number}`,
        explanation: [`Revision ${number} replaces revision ${published} for every function, and every lead is`
          + ' re-scored from its recorded activities: a lead whose score changes gets one model-change entry in its'
          + ' ledger.'],
        fields: [h('label', { class: 'check' }, announce, 'Announce the qualifications that result to sales'),
          h('p', { class: 'muted small' }, 'Left unticked, thresholds are re-armed silently: a model change does not'
            + ' send sales a notification for every lead it moves.')],
        confirm: `Publish revision ${number}`,
        kind: 'danger',
        submit: (problem) => start('The publish', path + '/publish', { announce: String(announce.checked) }, number,
            problem),
      });
    },
  }, rollback ? 'Roll back' : 'Publish');
  return h('span', { class: 'actions' }, backtest, publish);
}
