// A self-contained API reference at /docs: it reads /openapi.json and lists every operation
// with its parameters and body. No CDN: it must work on a machine with no internet.
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>wasl API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#123c4a;color:#fff;padding:16px 24px}main{max-width:980px;margin:0 auto;padding:16px}
section{background:#fff;border:1px solid #dfe3ea;border-radius:8px;margin:12px 0;padding:12px 16px}
.m{display:inline-block;min-width:64px;font-weight:700;text-transform:uppercase}
.get{color:#1b7f3b}.post{color:#1f5fbf}.put,.patch{color:#a05a00}.delete{color:#b3261e}
code,pre{font:13px ui-monospace,monospace}pre{background:#f3f4f7;padding:8px;overflow:auto;border-radius:6px}
details summary{cursor:pointer}
</style></head><body><header><h1 style="margin:0;font-size:20px">wasl API reference</h1>
<div>Machine-readable: <a style="color:#bfe" href="/openapi.json">/openapi.json</a></div></header>
<main id="ops">Loading…</main>
<script>
fetch('/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('ops');main.textContent='';
  const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  for(const [path,item] of Object.entries(doc.paths||{})){
    for(const [method,op] of Object.entries(item)){
      const s=document.createElement('section');
      const params=(op.parameters||[]).map(p=>'<li><code>'+esc(p.name)+'</code> ('+esc(p.in)+(p.required?', required':'')+')</li>').join('');
      const body=op.requestBody?'<details><summary>Request body</summary><pre>'+esc(JSON.stringify(op.requestBody.content['application/json']?.schema,null,2))+'</pre></details>':'';
      s.innerHTML='<div><span class="m '+method+'">'+method+'</span><code>'+esc(path)+'</code></div>'+
        (op.summary?'<p>'+esc(op.summary)+'</p>':'')+(params?'<ul>'+params+'</ul>':'')+body;
      main.appendChild(s);
    }
  }
});
</script></body></html>`;
