import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import type { MessageWarning } from '../../lib/types';
import type { DraftContent } from './local-drafts';

/** How long typing must pause before the server measures the mail again. */
const CHECK_MS = 800;

/**
 * What sending the draft now would warn about (`gmail_clip`), asked of the server, which holds
 * the one rule (POST /api/v1/messages/check): it measures a copy as it would be sent, tracking
 * blocks and rewritten links included. Empty until the first answer, and while a check fails.
 */
export function useClipWarnings(content: DraftContent): readonly MessageWarning[] {
  const [warnings, setWarnings] = useState<readonly MessageWarning[]>([]);
  const html = content.empty ? null : content.html;
  const attachments = content.attachments.map((a) => a.id);
  const key = JSON.stringify([html, attachments, content.tracking, content.ttlDays]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised inputs are the change that matters
  useEffect(() => {
    if (!html) {
      setWarnings([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      call('POST /api/v1/messages/check', {
        body: {
          html,
          attachments,
          tracking: {
            enabled: content.tracking,
            ...(content.ttlDays === null ? {} : { attachmentLinkTtlDays: content.ttlDays }),
          },
        },
      }).then(
        (answer) => current && setWarnings(answer.warnings),
        () => current && setWarnings([]),
      );
    }, CHECK_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);
  return warnings;
}
