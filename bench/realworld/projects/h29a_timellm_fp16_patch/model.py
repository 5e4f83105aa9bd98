# source: https://github.com/KimMeen/Time-LLM/issues/195
# error: RuntimeError: Input type (c10::BFloat16) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 40
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Time-LLM style forecaster: series patches are reprogrammed into the
embedding space of a frozen GPT-2 and read out by a flatten head."""
import torch
import torch.nn as nn
from transformers import GPT2Model

from layers import PatchEmbedding, ReprogrammingLayer


class Model(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.pred_len, self.d_ff = configs.pred_len, configs.d_ff
        self.llm_model = GPT2Model.from_pretrained("gpt2")
        for p in self.llm_model.parameters():
            p.requires_grad = False
        d_llm = self.llm_model.config.n_embd
        self.word_embeddings = self.llm_model.get_input_embeddings().weight
        self.mapping_layer = nn.Linear(self.word_embeddings.shape[0], configs.num_tokens)
        self.patch_embedding = PatchEmbedding(configs.d_model, configs.patch_len,
                                              configs.stride, configs.dropout)
        self.reprogramming_layer = ReprogrammingLayer(configs.d_model, configs.n_heads, d_llm)
        self.patch_nums = (configs.seq_len - configs.patch_len) // configs.stride + 2
        self.output_projection = nn.Linear(configs.d_ff * self.patch_nums, configs.pred_len)

    def forecast(self, x_enc):
        means = x_enc.mean(1, keepdim=True).detach()
        stdev = torch.sqrt(x_enc.var(1, keepdim=True, unbiased=False) + 1e-5)
        x_enc = ((x_enc - means) / stdev).permute(0, 2, 1).contiguous()
        B, N, _ = x_enc.shape

        source = self.mapping_layer(self.word_embeddings.permute(1, 0)).permute(1, 0)
        enc_out, n_vars = self.patch_embedding(x_enc.to(torch.bfloat16))
        enc_out = self.reprogramming_layer(enc_out, source, source)
        dec_out = self.llm_model(inputs_embeds=enc_out).last_hidden_state[:, :, :self.d_ff]
        dec_out = dec_out.reshape(B, n_vars, -1)
        dec_out = self.output_projection(dec_out).permute(0, 2, 1)
        return dec_out * stdev + means

    def forward(self, x_enc, x_mark_enc=None, x_dec=None, x_mark_dec=None):
        return self.forecast(x_enc)[:, -self.pred_len:, :]
