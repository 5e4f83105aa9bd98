# source: https://github.com/OrionStarAI/Orion/issues/47
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from model import TinyDecoder


@torch.no_grad()
def greedy_generate(model, prompt_ids, max_new_tokens, device):
    ids = prompt_ids.to(device)
    for _ in range(max_new_tokens):
        position_ids = torch.arange(ids.shape[1], device=device).unsqueeze(0)
        logits = model(ids, position_ids)
        next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
        ids = torch.cat([ids, next_id], dim=1)
    return ids


def main():
    device = torch.device("cuda:1" if torch.cuda.device_count() > 1 else "cuda")
    model = TinyDecoder()
    model.load_state_dict(torch.load("tiny_decoder.pt", map_location="cpu"))
    model.to(device).eval()
    prompts = [torch.randint(0, 32000, (1, 16)) for _ in range(3)]
    for prompt in prompts:
        out = greedy_generate(model, prompt, max_new_tokens=32, device=device)
        print(out[0, -32:].tolist())


if __name__ == "__main__":
    main()
