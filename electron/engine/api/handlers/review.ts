import {
  checkEngagement, drawSample, findingDetail, latestCheck, listFindings, listRules, listSamples, reviewStatus, setRuleParameters, signOffArea, updateFinding, vouchSampleItem,
} from '../../review/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

/** The review: checks and their rules, findings, samples and sign-offs. A change tells the UI the engagement changed. */
export function reviewHandlers(session: Session): HandlersOf<'review' | 'findings' | 'sampling' | 'signoff'> {
  const changed = <T>(value: T): T => {
    session.changed();
    return value;
  };
  return {
    'review.check': async ({ rules }) => changed(await checkEngagement(session.require(), { rules, trigger: 'on-demand' })),
    'review.latestCheck': () => latestCheck(session.require()),
    'review.rules': () => listRules(session.require()),
    'review.setRuleParameters': ({ rule, parameters, reset }) => changed(setRuleParameters(session.require(), rule, parameters, reset)),
    'findings.list': (query) => listFindings(session.require(), query),
    'findings.get': ({ id }) => findingDetail(session.require(), id),
    'findings.update': ({ id, ...update }) => changed(updateFinding(session.require(), id, update)),
    'sampling.draw': async (input) => changed(await drawSample(session.require(), input)),
    'sampling.list': () => listSamples(session.require()),
    'sampling.vouch': ({ sampleId, drawOrder, ...vouching }) => changed(vouchSampleItem(session.require(), sampleId, drawOrder, vouching)),
    'signoff.status': () => reviewStatus(session.require()),
    'signoff.sign': ({ area, role, comment }) => changed(signOffArea(session.require(), area, role, comment)),
  };
}
