# source: https://github.com/huggingface/transformers/issues/21736 https://github.com/huggingface/peft/issues/629
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# shape: helper
# looks-like: parallel-wrap-before-placement
# cpu: no needs a download and a GPU
# needs: torch, transformers, peft, bitsandbytes, accelerate
import torch
from accelerate import Accelerator
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from transformers import AutoModelForCausalLM, BitsAndBytesConfig, Trainer, TrainingArguments

MODEL = "EleutherAI/gpt-j-6B"


def load_8bit_lora_model():
    # one whole replica per process, on that process's GPU
    device_map = {"": Accelerator().process_index}
    model = AutoModelForCausalLM.from_pretrained(
        MODEL, quantization_config=BitsAndBytesConfig(load_in_8bit=True), device_map=device_map
    )
    model = prepare_model_for_kbit_training(model)
    config = LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    return get_peft_model(model, config)


def main(train_ds, collator):
    model = load_8bit_lora_model()
    args = TrainingArguments(output_dir="gptj-sft-lora", per_device_train_batch_size=4,
                             learning_rate=1e-4, fp16=True, num_train_epochs=1)
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, data_collator=collator)
    trainer.train()


if __name__ == "__main__":
    # accelerate launch --num_processes 8 train.py
    ids = torch.randint(0, 50000, (64, 128))
    ds = [{"input_ids": r, "attention_mask": torch.ones_like(r), "labels": r} for r in ids]
    main(ds, collator=None)
