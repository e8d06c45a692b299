/*
 * One inline stylesheet: the page must load nothing from anywhere (no CDN, no web fonts). Logical
 * properties (inline-start/end) make the same rules right for Arabic and English. Colours keep
 * body text ≥ 7:1 and secondary text ≥ 4.5:1 on white; every control is at least 44 px tall.
 * Inputs inherit a ≥ 16 px font so iOS does not zoom the page when one is focused.
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eef3f2;color:#1b2631;font-family:system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro",sans-serif;font-size:16px;line-height:1.6}
html[lang=ar] body{font-size:17px;line-height:1.75}
a{color:#0b5f58}
.top{background:#fff;border-bottom:1px solid #dde5e3}
.top-in,main,.foot{max-width:34rem;margin:0 auto}
.top-in{display:flex;align-items:center;justify-content:space-between;gap:.75rem;padding:.5rem 1rem;min-height:60px}
.store{min-width:0;font-size:1.125rem;font-weight:700;overflow-wrap:anywhere}
.lang{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:0 .875rem;border:1px solid #c6d8d4;border-radius:999px;font-weight:600;text-decoration:none;white-space:nowrap;flex:none}
main{padding:1rem .75rem .5rem}
.card{background:#fff;border-radius:16px;padding:1.125rem 1rem;margin:0 0 .875rem;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08)}
h1{font-size:1.375rem;line-height:1.35;margin:0 0 .375rem}
h2{font-size:1.0625rem;line-height:1.4;margin:0 0 .75rem}
p{margin:0 0 .5rem}
.lead{margin:0;color:#3b4754}
.muted{color:#4d5b68}
.icon{display:flex;align-items:center;justify-content:center;width:48px;height:48px;border-radius:50%;margin:0 0 .75rem}
.icon svg{width:26px;height:26px}
.icon-ok{background:#dcf3e6;color:#146c3c}
.icon-stop{background:#fde7e6;color:#a4231b}
.icon-info{background:#e3eefc;color:#1d4f91}
.icon-warn{background:#fff1d6;color:#8a4b00}
.chosen{margin:.75rem 0 0;padding:.625rem .875rem;border-radius:12px;background:#effaf7;border:1px solid #b9e0d7;font-weight:600}
.notice{border-radius:14px;padding:.875rem 1rem;margin:0 0 .875rem;font-weight:600;border:1px solid}
.notice p:last-child,.notice ul{margin-bottom:0}
.notice ul{padding-inline-start:1.25rem;margin-top:.375rem;font-weight:500}
.notice-success{background:#e7f6ec;color:#124d2b;border-color:#a9d9b8}
.notice-error{background:#fdeceb;color:#7d1a14;border-color:#f0b7b2}
.meta{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem;margin:0 0 .75rem}
.meta strong{font-size:1.0625rem}
.items{list-style:none;margin:0;padding:0;border-top:1px solid #e8eeed}
.items li{display:flex;justify-content:space-between;align-items:flex-start;gap:.75rem;padding:.625rem 0;border-bottom:1px solid #e8eeed}
.item-name{display:block;font-weight:600;overflow-wrap:anywhere}
.qty{display:block;font-size:.9375rem;color:#4d5b68}
.amount{white-space:nowrap;font-variant-numeric:tabular-nums}
.totals{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;margin:.75rem 0 0}
.totals dt{color:#4d5b68}
.totals dd{margin:0;text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.totals .grand{font-weight:700;font-size:1.125rem;color:#1b2631;border-top:1px solid #dde5e3;padding-top:.5rem;margin-top:.25rem}
.pay{display:flex;flex-wrap:wrap;align-items:center;gap:.375rem .75rem;margin:1rem 0 0;padding:.75rem .875rem;background:#f5f8f7;border-radius:12px}
.pay .hint{flex-basis:100%;margin:0}
.badge{display:inline-block;padding:.125rem .625rem;border-radius:999px;background:#0b5f58;color:#fff;font-weight:600;font-size:.9375rem}
address{font-style:normal;overflow-wrap:anywhere}
address span{display:block}
details{margin:.75rem 0 0;border-top:1px solid #e8eeed}
.card>details:first-child{margin-top:0;border-top:0}
summary{display:flex;align-items:center;justify-content:space-between;gap:.5rem;min-height:48px;padding:.25rem 0;cursor:pointer;font-weight:600;color:#0b5f58;list-style:none}
summary::-webkit-details-marker{display:none}
summary::after{content:"+";font-size:1.375rem;line-height:1;font-weight:400}
details[open]>summary::after{content:"−"}
details>form{padding:.25rem 0 .25rem}
.danger>summary{color:#8f1f17}
fieldset{border:0;margin:0 0 .75rem;padding:0;min-width:0}
legend{padding:0;margin:0 0 .5rem;font-weight:700}
.choice{display:flex;align-items:center;gap:.75rem;min-height:52px;padding:.5rem .875rem;margin:0 0 .5rem;border:1.5px solid #c9d5d3;border-radius:12px;background:#fff;cursor:pointer}
.slots{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.25rem,1fr));gap:.5rem;margin:0 0 .5rem}
.slots .choice{margin:0;gap:.5rem;padding:.5rem .625rem;font-size:.9375rem}
.choice input{flex:none;width:1.375rem;height:1.375rem;margin:0;accent-color:#0b6e66}
.choice:has(input:checked){border-color:#0b6e66;background:#effaf7;box-shadow:inset 0 0 0 1px #0b6e66}
.choice:has(input[aria-invalid=true]){border-color:#b3261e}
.field{margin:0 0 .875rem}
.field label{display:block;font-weight:600;margin:0 0 .25rem}
.opt{font-weight:400;color:#4d5b68}
input[type=text],input[type=tel],textarea{display:block;width:100%;min-height:48px;padding:.625rem .75rem;border:1.5px solid #7b8c8a;border-radius:10px;background:#fff;color:inherit;font:inherit}
textarea{min-height:6.5rem;resize:vertical}
input:focus,textarea:focus{border-color:#0b6e66;outline:3px solid rgba(11,110,102,.25);outline-offset:0}
input[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b3261e}
.hint{font-size:.9375rem;color:#4d5b68;margin:.25rem 0 0}
.field-error{color:#a4231b;font-weight:600;font-size:.9375rem;margin:.375rem 0 0}
.btn{display:flex;align-items:center;justify-content:center;width:100%;min-height:52px;padding:.75rem 1rem;border-radius:12px;border:1.5px solid transparent;font:inherit;font-weight:700;font-size:1.0625rem;line-height:1.3;text-align:center;cursor:pointer}
.btn svg{flex:none;width:22px;height:22px;margin-inline-end:.5rem}
.btn-primary{background:#0b6e66;color:#fff}
.btn-primary:hover{background:#095a53}
.btn-big{min-height:56px;font-size:1.125rem}
.btn-outline{background:#fff;color:#0b5f58;border-color:#0b6e66}
.btn-danger{background:#fff;color:#a4231b;border-color:#e2aaa5}
.btn-danger:hover{background:#fdf1f0}
:focus-visible{outline:3px solid #d97706;outline-offset:2px}
.foot{padding:.5rem 1rem 2rem;text-align:center;font-size:.875rem;color:#4d5b68}
.problem{text-align:center;padding:2rem 1.25rem}
.problem .icon{margin:0 auto 1rem}
@media (min-width:30rem){main{padding-top:1.5rem}.card{padding:1.375rem 1.5rem}}
`;
