// A real OpenID Connect provider (npm's certified `oidc-provider`) on loopback, for the
// sign-in browser test. It knows the people in ACCOUNTS (login -> e-mail claim); its own
// development sign-in form takes the login (it asks for a password but checks none: it is
// a test identity provider, what the test checks is our side of the flow).
//
//   node provider.js PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// Prints "ready <issuer>" once it listens.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const ACCOUNTS = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [new URL('/', redirectUri).href],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  cookies: { keys: ['only-for-the-test-provider'] },
  pkce: { required: () => false },
  // Put the e-mail in the ID token itself, as Keycloak and Google do: st.user reads the
  // ID token's claims, not the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const email = ACCOUNTS[id];
    if (!email) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: true, name: id };
      },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
