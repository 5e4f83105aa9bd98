# source: https://github.com/Blealtan/RWKV-LM-LoRA/issues/16
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# bug-lines: 24, 29
# needs: torch
# cpu: no written where torch was not installed; not run
import types

import torch
import torch.nn as nn
import torch.nn.functional as F


class RWKV_RNN(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.args = args
        w = torch.load(args.MODEL_NAME + ".pth", map_location="cpu")
        if args.MODEL_LORA:
            lora = torch.load(args.MODEL_LORA + ".pth", map_location="cpu")
            for k in lora:
                # base checkpoint is stored in fp16, keep the adapter in the same precision
                w[k] = lora[k].half()
            scale = args.lora_alpha / args.lora_r
            for k in list(w.keys()):
                if k.endswith(".weight") and k[:-7] + ".lora_A" in w:
                    prefix = k[:-7]
                    w[k] += w[prefix + ".lora_B"] @ w[prefix + ".lora_A"] * scale
                    del w[prefix + ".lora_A"], w[prefix + ".lora_B"]

        for k in w:
            if args.RUN_DEVICE == "cuda":
                w[k] = w[k].half().cuda() if args.FLOAT_MODE == "fp16" else w[k].float().cuda()
            else:
                w[k] = w[k].float()

        self.w = types.SimpleNamespace()
        self.w.emb = w["emb.weight"]
        self.w.head = w["head.weight"]
        self.w.ln_out = (w["ln_out.weight"], w["ln_out.bias"])
        self.w.blocks = [
            {name[len(f"blocks.{i}."):]: t for name, t in w.items() if name.startswith(f"blocks.{i}.")}
            for i in range(args.n_layer)
        ]

    def channel_mix(self, x, blk):
        k = torch.square(torch.relu(blk["ffn.key.weight"] @ x))
        r = torch.sigmoid(blk["ffn.receptance.weight"] @ x)
        return r * (blk["ffn.value.weight"] @ k)

    @torch.no_grad()
    def forward(self, token):
        x = self.w.emb[token]
        for blk in self.w.blocks:
            xx = F.layer_norm(x, (x.shape[-1],), weight=blk["ln2.weight"], bias=blk["ln2.bias"])
            x = x + self.channel_mix(xx, blk)
        x = F.layer_norm(x, (x.shape[-1],), weight=self.w.ln_out[0], bias=self.w.ln_out[1])
        return self.w.head @ x
