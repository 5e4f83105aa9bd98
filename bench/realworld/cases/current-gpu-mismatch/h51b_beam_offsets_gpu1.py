# source: https://github.com/facebookresearch/fairseq/pull/2989
# error: RuntimeError: binary_op(): expected both inputs to be on same device, but input a is on cuda:1 and input b is on cuda:0
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 34, 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Beam search for a transformer NMT model, run on a chosen GPU (--gpu-id 1)."""
import argparse

import torch


def move_to_gpu(sample, gpu_id):
    return {k: v.cuda(gpu_id) if torch.is_tensor(v) else v for k, v in sample.items()}


class BeamSearchTranslator:
    def __init__(self, model, bos, eos, beam_size=5, max_len=200):
        self.model = model
        self.bos, self.eos = bos, eos
        self.beam_size = beam_size
        self.max_len = max_len

    @torch.no_grad()
    def generate(self, sample):
        src_tokens = sample["src_tokens"]
        bsz = src_tokens.size(0)
        beam = self.beam_size
        enc = self.model.encode(src_tokens.repeat_interleave(beam, dim=0))
        tokens = src_tokens.new_full((bsz * beam, self.max_len + 1), self.bos)
        scores = torch.zeros(bsz * beam, device=src_tokens.device)
        # offsets that map (sentence, beam) pairs back to flat rows
        bbsz_offsets = (torch.arange(0, bsz) * beam).unsqueeze(1).type_as(tokens)
        cand_offsets = torch.arange(0, 2 * beam).type_as(tokens)
        for step in range(self.max_len):
            lprobs = self.model.decode_step(tokens[:, : step + 1], enc)  # [bsz*beam, V]
            lprobs = lprobs + scores.unsqueeze(1)
            top_scores, top_idx = lprobs.view(bsz, -1).topk(2 * beam, dim=1)
            vocab = lprobs.size(-1)
            cand_beams = top_idx // vocab
            cand_bbsz_idx = cand_beams.add(bbsz_offsets)
            cand_order = cand_offsets.unsqueeze(0).expand(bsz, -1)[:, :beam]
            keep = torch.gather(cand_bbsz_idx, 1, cand_order).view(-1)
            tokens = tokens[keep]
            tokens[:, step + 1] = torch.gather(top_idx % vocab, 1, cand_order).view(-1)
            scores = torch.gather(top_scores, 1, cand_order).view(-1)
            if (tokens[:, step + 1] == self.eos).all():
                break
        return tokens.view(bsz, beam, -1)[:, 0], scores.view(bsz, beam)[:, 0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--gpu-id", type=int, default=1)
    args = parser.parse_args()
    ckpt = torch.load(args.checkpoint, map_location="cpu")
    model = ckpt["model"].eval().cuda(args.gpu_id)
    translator = BeamSearchTranslator(model, bos=ckpt["bos"], eos=ckpt["eos"])
    for sample in ckpt["dev_batches"]:
        sample = move_to_gpu(sample, args.gpu_id)
        hyps, _ = translator.generate(sample)
        print(hyps.tolist())


if __name__ == "__main__":
    main()
