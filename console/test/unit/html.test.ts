import { html } from '../../src/infrastructure/http/html';

test('every value is escaped unless it is already HTML, so a payload cannot inject markup', () => {
  const payload = '<script>alert("x")</script> & \'quotes\'';
  expect(html`<p title="${payload}">${payload}</p>`.text).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
  );
  expect(html`<ul>${['a<', 'b'].map((item) => html`<li>${item}</li>`)}</ul>`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
  expect(html`${null}${undefined}${false}${0}`.text).toBe('0');
});
