import type { videoChannels } from '../../../shared/contract/video';
import * as jobs from '../jobs/jobs.service';
import { newLinkFor, useOwnLink } from '../video/video-links.service';
import { connect, connection, disconnect, saveVideoSettings, videoSettings } from '../video/video-settings';
import type { HandlersOf } from './index';

export const videoHandlers = {
  'video.settings': (_, ctx) => videoSettings(ctx),
  'video.saveSettings': (input, ctx) => saveVideoSettings(ctx, input),
  'google.connection': (input, ctx) => connection(ctx, input.calendar),
  'google.connect': (input, ctx) => connect(ctx, input.calendar),
  'google.disconnect': (input, ctx) => disconnect(ctx, input.calendar),
  'video.useOwnLink': (input, ctx) => useOwnLink(ctx, input),
  'video.newLink': (input, ctx) => newLinkFor(ctx, input.appointmentId),
  'video.jobs': (_, ctx) => jobs.unfinished(ctx),
  'video.retryJob': (input, ctx) => jobs.retry(ctx, input.id),
} satisfies HandlersOf<keyof typeof videoChannels>;
