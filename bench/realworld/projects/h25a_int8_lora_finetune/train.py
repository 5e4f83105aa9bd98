# source: https://github.com/adapter-hub/adapters/issues/573 https://github.com/adapter-hub/adapters/issues/100
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 38
# needs: torch, transformers, datasets, bitsandbytes
# cpu: no written where torch was not installed; not run

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, BitsAndBytesConfig,
                          DataCollatorWithPadding)

from lora_layers import add_lora_adapters
from metrics import adapter_norm, evaluate

MODEL_NAME = "roberta-large"


def main():
    device = torch.device("cuda:0")
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    data = load_dataset("glue", "sst2")
    data = data.map(lambda b: tokenizer(b["sentence"], truncation=True, max_length=128), batched=True)
    data = data.remove_columns(["sentence", "idx"]).rename_column("label", "labels")
    collate = DataCollatorWithPadding(tokenizer)
    train_dl = DataLoader(data["train"], batch_size=32, shuffle=True, collate_fn=collate)
    valid_dl = DataLoader(data["validation"], batch_size=64, collate_fn=collate)

    model = AutoModelForSequenceClassification.from_pretrained(
        MODEL_NAME,
        num_labels=2,
        quantization_config=BitsAndBytesConfig(load_in_8bit=True, llm_int8_skip_modules=["classifier"]),
        device_map={"": 0},
        torch_dtype=torch.float16,
    )
    model = add_lora_adapters(model, target_modules={"query", "value"}, r=8, alpha=16)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=3e-4)
    scaler = torch.cuda.amp.GradScaler()

    model.train()
    for epoch in range(2):
        for step, batch in enumerate(train_dl):
            batch = {k: v.to(device) for k, v in batch.items()}
            with torch.autocast("cuda", dtype=torch.float16):
                loss = model(**batch).loss
            optimizer.zero_grad()
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} |B| {adapter_norm(model):.4f}")
        print(f"epoch {epoch}", evaluate(model, valid_dl, device))


if __name__ == "__main__":
    main()
