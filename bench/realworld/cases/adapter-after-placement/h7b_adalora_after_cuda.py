# source: https://github.com/huggingface/peft/issues/541
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 18, 24
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import torch
from peft import AdaLoraConfig, TaskType, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL_NAME = "t5-base"


def prepare_model(device, total_steps):
    model = AutoModelForSeq2SeqLM.from_pretrained(MODEL_NAME)
    model.to(device)
    config = AdaLoraConfig(
        task_type=TaskType.SEQ_2_SEQ_LM, init_r=12, target_r=8, beta1=0.85, beta2=0.85,
        tinit=200, tfinal=1000, deltaT=10, lora_alpha=32, lora_dropout=0.1,
        target_modules=["q", "v"], total_step=total_steps,
    )
    model = get_peft_model(model, config)
    model.print_trainable_parameters()
    return model


def collate_fn(tokenizer):
    def _collate(rows):
        enc = tokenizer([r["source"] for r in rows], padding=True, truncation=True,
                        max_length=128, return_tensors="pt")
        labels = tokenizer([r["target"] for r in rows], padding=True, truncation=True,
                           max_length=32, return_tensors="pt")["input_ids"]
        labels[labels == tokenizer.pad_token_id] = -100
        enc["labels"] = labels
        return enc
    return _collate


def main():
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    rows = [{"source": "sst2 sentence: a gripping film", "target": "positive"}] * 512
    loader = DataLoader(rows, batch_size=16, shuffle=True, collate_fn=collate_fn(tokenizer))
    total_steps = 3 * len(loader)
    model = prepare_model(device, total_steps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)

    global_step = 0
    for epoch in range(3):
        model.train()
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            model.base_model.update_and_allocate(global_step)
            optimizer.zero_grad()
            global_step += 1
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
