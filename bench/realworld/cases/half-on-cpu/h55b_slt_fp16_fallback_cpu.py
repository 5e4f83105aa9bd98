# source: https://github.com/facebookresearch/FAMBench/issues/40
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 61
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import torch
import torch.nn as nn


class PoseEncoder(nn.Module):  # sign-language pose sequence (body + hands) encoder
    def __init__(self, n_keypoints=75, d_model=256):
        super().__init__()
        self.temporal = nn.Conv1d(n_keypoints * 3, d_model, kernel_size=5, padding=2)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, dim_feedforward=512, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)

    def forward(self, poses):  # [B, T, K, 3]
        x = self.temporal(poses.flatten(2).transpose(1, 2)).transpose(1, 2)
        return self.encoder(x)


class Sign2Text(nn.Module):
    def __init__(self, vocab_size=3000, d_model=256):
        super().__init__()
        self.encoder = PoseEncoder(d_model=d_model)
        self.tok_embed = nn.Embedding(vocab_size, d_model)
        layer = nn.TransformerDecoderLayer(d_model, nhead=4, dim_feedforward=512, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, num_layers=2)
        self.out = nn.Linear(d_model, vocab_size)

    @torch.no_grad()
    def greedy_decode(self, poses, bos_id=1, eos_id=2, max_len=30):
        memory = self.encoder(poses)
        ys = torch.full((poses.shape[0], 1), bos_id, dtype=torch.long, device=poses.device)
        for _ in range(max_len):
            mask = nn.Transformer.generate_square_subsequent_mask(ys.shape[1], device=poses.device, dtype=memory.dtype)
            h = self.decoder(self.tok_embed(ys), memory, tgt_mask=mask)
            nxt = self.out(h[:, -1]).argmax(-1, keepdim=True)
            ys = torch.cat([ys, nxt], dim=1)
            if (nxt == eos_id).all():
                break
        return ys


def pick_device(requested):
    if requested.startswith("cuda") and not torch.cuda.is_available():
        print("CUDA not available, running the translator on CPU")
        return torch.device("cpu")
    return torch.device(requested)


def load_translator(ckpt_path, device, fp16=True):
    model = Sign2Text()
    if ckpt_path:
        model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    model.eval()
    if fp16:
        model = model.half()
    return model.to(device)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default=None)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--no-fp16", dest="fp16", action="store_false")
    args = parser.parse_args()

    device = pick_device(args.device)
    model = load_translator(args.ckpt, device, fp16=args.fp16)
    dtype = next(model.parameters()).dtype
    poses = torch.randn(2, 120, 75, 3).to(device=device, dtype=dtype)
    print(model.greedy_decode(poses).tolist())


if __name__ == "__main__":
    main()
