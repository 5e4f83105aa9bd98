# source: https://github.com/KimMeen/Time-LLM/issues/138 https://github.com/KimMeen/Time-LLM/issues/101
# error: RuntimeError: expected scalar type BFloat16 but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class, loader-loop
# bug-lines: 37
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

from layers import PatchEmbedding


class Model(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.pred_len = configs["pred_len"]
        self.seq_len = configs["seq_len"]
        self.d_model = configs["d_model"]
        self.patch_embedding = PatchEmbedding(configs["d_model"], configs["patch_len"],
                                              configs["stride"], configs["dropout"])
        n_patches = (configs["seq_len"] - configs["patch_len"]) // configs["stride"] + 2
        self.backbone = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(configs["d_model"], 4, batch_first=True), 1)
        self.head = nn.Linear(configs["d_model"] * n_patches, configs["pred_len"])

    def normalize(self, x_enc):
        means = x_enc.mean(1, keepdim=True).detach()
        stdev = torch.sqrt(torch.var(x_enc, dim=1, keepdim=True, unbiased=False) + 1e-5)
        return (x_enc - means) / stdev

    def forecast(self, x_enc, x_mark_enc, x_dec, x_mark_dec):
        x_enc = self.normalize(x_enc)
        B, T, N = x_enc.size()
        x_enc = x_enc.permute(0, 2, 1).contiguous()
        # the LLM backbone of the paper runs in bf16, so the series are sent in bf16
        enc_out, n_vars = self.patch_embedding(x_enc.to(torch.bfloat16))
        enc_out = self.backbone(enc_out)
        enc_out = enc_out.reshape(B, n_vars, -1)
        dec_out = self.head(enc_out)
        return dec_out.permute(0, 2, 1)

    def forward(self, x_enc, x_mark_enc, x_dec, x_mark_dec):
        dec_out = self.forecast(x_enc, x_mark_enc, x_dec, x_mark_dec)
        return dec_out[:, -self.pred_len:, :]
