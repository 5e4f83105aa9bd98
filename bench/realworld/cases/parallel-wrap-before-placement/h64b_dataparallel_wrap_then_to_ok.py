# source: https://github.com/zphang/minimal-llama/issues/2
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling


def build_model(name, lora_rank=8):
    # single-device load (no device_map) so every weight starts on the CPU together
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float32)
    cfg = LoraConfig(r=lora_rank, lora_alpha=16, lora_dropout=0.05,
                     target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    model = get_peft_model(model, cfg)
    if torch.cuda.device_count() > 1:
        # DataParallel only checks placement at forward time, so moving the wrapper afterwards is fine
        model = nn.DataParallel(model)
    return model


def train(name, texts, epochs=1, accum=4):
    device = torch.device("cuda:0")
    tok = AutoTokenizer.from_pretrained(name)
    tok.pad_token = tok.pad_token or tok.eos_token
    model = build_model(name)
    model.to(device)
    features = [tok(t, truncation=True, max_length=256) for t in texts]
    collator = DataCollatorForLanguageModeling(tok, mlm=False)
    loader = DataLoader(features, batch_size=8, shuffle=True, collate_fn=collator)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-4)
    model.train()
    for _ in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss.mean() / accum
            loss.backward()
            if (step + 1) % accum == 0:
                opt.step()
                opt.zero_grad()
    return model


if __name__ == "__main__":
    corpus = [line.strip() for line in open("instructions.txt") if line.strip()]
    train("openlm-research/open_llama_3b", corpus)
