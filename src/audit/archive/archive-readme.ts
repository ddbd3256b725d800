/** The README-in-the-zip (zh-CN, then en): what each file is, how far it can be trusted, how to verify. */
export const archiveReadme = (args: { readonly title: { zh: string; en: string }; readonly size: number; readonly vkey: string; readonly unit: boolean }): string => {
  const { title, size, vkey, unit } = args;
  const dir = unit ? 'cases/<事项>/' : '';
  const dirEn = unit ? 'cases/<case>/' : '';
  return `民议 · 审计档案 / minyi audit archive
${title.zh}
${title.en}

【中文】
核验方法（无需数据库、无需联网）：
  npm run cli -- verify --archive 本文件.zip --public-key 您信任的公钥 [--trusted-checkpoint 您此前保存的检查点]
公钥应从可信渠道取得，并与档案中的公钥核对：${vkey}

各文件及其可信程度：
- checkpoint.txt：服务器以 Ed25519 签名的检查点（审计日志默克尔树，规模 ${size}）。
- ${dir}audit-entries.jsonl：全部审计记录（每行一条）；${dir}proofs.json：每条记录在上述检查点中的包含证明${unit ? '；顶层 proofs.json：与此前各检查点的一致性证明' : '，以及与此前各检查点的一致性证明'}。
  这些内容由签名检查点直接证明：任何改动、删除或重排都会被发现。
- ${dir}case.json：事项及其最终状态；核验时与审计链末尾核对，并按所记录的流程版本重放全部事件。
- ${dir}meetings/<会议>.json：会议记录；核验时将闭会结果（应到、实到、回避、赞成、反对、弃权、是否通过）与审计链中的 meeting.closed 记录逐项核对，召集、更正等也须在链中。
- ${dir}notices/<公示>.json：公示；核验时由审计链重新生成公示内容并比对，核验码须是链中发布该公示的记录。
- ${dir}objections.json：异议（不含联系方式）；编号、提交序号、异议正文和答复（理由、答复人）须与链中记录一致。
  但异议人姓名不在审计链中，仅由签名清单保证（较早的记录也不含正文）。
- 仅为方便阅读的副本（不能由审计链证明，仅由签名清单保证未被改动）：${dir}meetings/*.html、${dir}notices/*.html（A4 打印页）、本 README.txt、public-key.txt / public-key.pem。
- manifest.json 列出每个文件的 SHA-256；manifest.sig 是服务器对该清单（及检查点规模与根哈希）的签名。
  清单签名只证明文件出自持有签名密钥的服务器且此后未被改动，并不证明其内容真实；内容的真实性只能来自上述与审计链的核对。
${unit ? '- 单位档案证明所含每个事项完整且在已签名的日志中，但无法证明没有遗漏事项：请将 manifest.json 中的事项清单与单位的登记核对。\n' : ''}格式说明见 docs/audit-format.md。

[English]
To verify, offline and without a database:
  npm run cli -- verify --archive this.zip --public-key KEY-YOU-TRUST [--trusted-checkpoint CHECKPOINT-YOU-KEPT]
Obtain the public key through a channel you trust and compare it with the archive's: ${vkey}

The files, and how far each can be trusted:
- checkpoint.txt: the checkpoint the server signed with Ed25519 (the audit log's Merkle tree, size ${size}).
- ${dirEn}audit-entries.jsonl: every audit entry, one per line; ${dirEn}proofs.json: each entry's inclusion proof in that checkpoint${unit ? '; the top-level proofs.json: consistency proofs from earlier checkpoints' : ', and consistency proofs from earlier checkpoints'}.
  These are proven by the signed checkpoint itself: any edit, deletion or reordering is found.
- ${dirEn}case.json: the case and its end state; checked against the end of the chain and by replaying every event through the recorded procedure version.
- ${dirEn}meetings/<meeting>.json: meeting records; the result (expected, present, recused, for, against, abstain, passed) is checked field by field against the meeting.closed entry of the chain; convening and corrections must be in the chain too.
- ${dirEn}notices/<notice>.json: public notices; the notice's content is regenerated from the chain and compared, and its verification hash must be the entry that published it.
- ${dirEn}objections.json: objections (without contacts); ids, filing sequence, the objection's text and answers (reason, who answered) must match the chain.
  The objector's name is not in the chain (nor the text, in trails from before it was recorded): only the signed manifest covers it.
- Convenience copies only (not provable from the chain; only the signed manifest shows they were not changed): ${dirEn}meetings/*.html, ${dirEn}notices/*.html (printable A4 pages), this README.txt, public-key.txt / public-key.pem.
- manifest.json lists every file with its SHA-256; manifest.sig is the server's signature over it (and the checkpoint's size and root).
  The manifest's signature shows only that the files came from the server holding the key and were not changed since; it does not make them true. Their truth comes only from the checks against the chain above.
${unit ? '- A unit archive proves that each case in it is complete and in the signed log; it cannot prove that no case was left out: compare the case list in manifest.json with the unit\'s register.\n' : ''}The formats are specified in docs/audit-format.md.
`;
};
