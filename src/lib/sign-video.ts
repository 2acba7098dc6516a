/**
 * What the start page's video in Deutsche Gebärdensprache may be, for the upload form and the
 * server alike. The kinds are recognised by their content on the server
 * (`src/lib/server/sign-video/video-type.ts`); `accept` only helps the browser's file picker.
 */

/** 200 MB: a few minutes of signing in good quality. `SIGN_VIDEO_MAX_MB` may lower it. */
export const signVideoMaxMegabytes = 200;

/** WebVTT captions of a few minutes of video take a few kilobytes; 1 MB is plenty. */
export const captionsMaxBytes = 1024 * 1024;

export const signVideoAccept = '.mp4,.webm,video/mp4,video/webm';
export const captionsAccept = '.vtt,text/vtt';
