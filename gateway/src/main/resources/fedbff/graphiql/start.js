// GraphiQL against this BFF's /graphql: the pasted token goes into every request's Authorization header (a header set
// in GraphiQL's own headers editor wins). The token lives in this page only: it is never stored.
(function () {
  'use strict';

  var DEFAULT_QUERY = [
    'query Profile {',
    '  me {',
    '    id',
    '    name',
    '    orders(first: 5) {',
    '      id',
    '      total',
    '      status',
    '      items { quantity product { name price } }',
    '      payment { status method }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');

  var tokenInput = document.getElementById('fedbff-token');
  var tokenState = document.getElementById('fedbff-token-state');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  function pastedToken() {
    return tokenInput.value.trim().replace(/^Bearer\s+/i, '');
  }

  function fetcher(token) {
    return function (params, options) {
      var headers = {
        'Content-Type': 'application/json',
        'Accept': 'application/graphql-response+json, application/json;q=0.9'
      };
      var own = (options && options.headers) || {};
      Object.keys(own).forEach(function (name) { headers[name] = own[name]; });
      var hasAuthorization = Object.keys(headers).some(function (name) { return name.toLowerCase() === 'authorization'; });
      if (token && !hasAuthorization) {
        headers.Authorization = 'Bearer ' + token;
      }
      return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params), credentials: 'omit' })
        .then(function (response) { return response.json(); });
    };
  }

  function render() {
    var token = pastedToken();
    tokenState.textContent = token ? 'token set: requests carry it' : 'no token: only public operations answer';
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcher(token),
      defaultQuery: DEFAULT_QUERY,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    }));
  }

  var pending;
  tokenInput.addEventListener('input', function () {
    clearTimeout(pending);
    pending = setTimeout(render, 300);
  });
  tokenInput.addEventListener('change', function () {
    clearTimeout(pending);
    render();
  });
  render();
}());
