package th.or.depa.smartcity.web;

import th.or.depa.smartcity.auth.User;

/** Who is looking at a page, and the token their session's forms carry (sign-out) against cross-site requests. */
record Viewer(User user, String csrf) {
}
